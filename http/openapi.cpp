#include "http/openapi.h"

#include <algorithm>

#include "util/c_locale.h"

namespace tessera::http {

namespace {

const char* typeName(ParamType t) {
    switch (t) {
        case ParamType::Integer:
            return "integer";
        case ParamType::Number:
            return "number";
        case ParamType::Boolean:
            return "boolean";
        case ParamType::String:
        case ParamType::Path:
            return "string";
    }
    return "string";
}

nlohmann::json schemaFor(const ParamSpec& p) {
    nlohmann::json s = {{"type", typeName(p.type)}};
    if (!p.defaultValue.empty()) {
        switch (p.type) {
            case ParamType::Integer:
                s["default"] = std::stoll(p.defaultValue);
                break;
            case ParamType::Number:
                // '.' is the decimal point whatever the process locale (std::stod follows it).
                if (auto v = parseDoubleC(p.defaultValue))
                    s["default"] = *v;
                else
                    s["default"] = p.defaultValue;
                break;
            case ParamType::Boolean:
                s["default"] = p.defaultValue == "true";
                break;
            default:
                s["default"] = p.defaultValue;
        }
    }
    if (!p.enumValues.empty()) s["enum"] = p.enumValues;
    return s;
}

std::string operationId(const Route& r) {
    std::string id = r.method;
    std::transform(id.begin(), id.end(), id.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    for (char ch : r.pattern) id += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    return id;
}

}  // namespace

nlohmann::json openApiDocument(const RouteTable& table, const std::string& version) {
    nlohmann::json paths = nlohmann::json::object();
    for (const Route& r : table.routes()) {
        if (!r.inOpenApi) continue;
        const std::string path = RouteTable::fullPatterns(r).front();
        nlohmann::json params = nlohmann::json::array();
        if (r.perImage)
            params.push_back(
                {{"name", "id"},
                 {"in", "path"},
                 {"required", true},
                 {"description", "Image id (or its registered name), see /api/images."},
                 {"schema", {{"type", "string"}}}});
        for (const ParamSpec& p : r.params) {
            nlohmann::json j = {{"name", p.name},
                                {"in", p.in == ParamIn::Path ? "path" : "query"},
                                {"required", p.in == ParamIn::Path || p.required},
                                {"schema", schemaFor(p)}};
            if (!p.description.empty()) j["description"] = p.description;
            params.push_back(j);
        }
        nlohmann::json content = nlohmann::json::object();
        for (const auto& type : r.produces) {
            const bool binary = type.rfind("image/", 0) == 0;
            content[type] = {
                {"schema", binary ? nlohmann::json{{"type", "string"}, {"format", "binary"}}
                                  : nlohmann::json{{"type", "object"}}}};
        }
        nlohmann::json error = {
            {"description", "Error"},
            {"content",
             {{"application/json",
               {{"schema",
                 {{"type", "object"}, {"properties", {{"detail", {{"type", "string"}}}}}}}}}}}};
        nlohmann::json op = {{"summary", r.summary},
                             {"operationId", operationId(r)},
                             {"tags", {r.tag.empty() ? std::string("other") : r.tag}},
                             {"parameters", params},
                             {"responses",
                              {{"200", {{"description", "OK"}, {"content", content}}},
                               {"400", error},
                               {"401", error},
                               {"404", error},
                               {"500", error}}}};
        if (!r.description.empty()) op["description"] = r.description;
        if (r.hasBody)
            op["requestBody"] = {
                {"required", true},
                {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
        if (r.isPublic) op["security"] = nlohmann::json::array();
        std::string method = r.method;
        std::transform(method.begin(), method.end(), method.begin(),
                       [](unsigned char c) { return char(std::tolower(c)); });
        paths[path][method] = op;
    }
    return {
        {"openapi", "3.0.3"},
        {"info",
         {{"title", "Tessera tile server"},
          {"version", version},
          {"description",
           "django-large-image compatible API. Per-image routes are documented under "
           "/api/image/{id}/ and also served under django-large-image's example prefix "
           "/api/image-file/{id}/. When the server requires a token, send it as "
           "'Authorization: Bearer <token>', 'X-Tessera-Token: <token>' or '?token=<token>'."}}},
        {"servers", {{{"url", "/"}}}},
        {"paths", paths},
        {"components",
         {{"securitySchemes",
           {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
            {"header", {{"type", "apiKey"}, {"in", "header"}, {"name", "X-Tessera-Token"}}},
            {"query", {{"type", "apiKey"}, {"in", "query"}, {"name", "token"}}}}}}},
        {"security",
         {{{"bearer", nlohmann::json::array()}},
          {{"header", nlohmann::json::array()}},
          {{"query", nlohmann::json::array()}}}},
    };
}

}  // namespace tessera::http
