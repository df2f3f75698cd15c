// Fuzz target: a request line ("[METHOD ]/path?query") decoded as the server's transport does
// (percent-decoded path, HttpRequest::parseQuery), matched against the real route table, and
// every parameter of the matched route read through RouteContext's typed getters, plus the
// style, encoding and image getters. Checks: only tessera::Error refuses input; queryValue finds
// the first value of every parsed key; captured path parameters honour their declared types
// (integers are digits, enumerated strings one of their values); a style built from the query
// parameters is valid style JSON or refused.
#include <QByteArray>
#include <QString>
#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>

#include "fuzz_support.h"
#include "http/api_state.h"
#include "http/route_context.h"
#include "style/style.h"

using namespace tessera;
using namespace tessera::http;

namespace {

ApiState& api() {
    static auto state = std::make_shared<ApiState>(std::make_shared<Engine>());
    return *state;
}

bool allDigits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

void readParam(const RouteContext& ctx, const ParamSpec& p) {
    fuzz::refusedOrDone([&] {
        switch (p.type) {
            case ParamType::Integer:
                (void)ctx.integer(p.name);
                break;
            case ParamType::Number:
                (void)ctx.number(p.name);
                (void)ctx.optionalNumber(p.name);
                break;
            case ParamType::Boolean:
                (void)ctx.boolean(p.name);
                break;
            case ParamType::String:
            case ParamType::Path:
                (void)ctx.string(p.name);
                break;
        }
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::init();
    std::string_view line(reinterpret_cast<const char*>(data), size);

    HttpRequest req;
    req.method = "GET";
    for (const char* m : {"GET ", "HEAD ", "POST ", "PUT ", "DELETE ", "OPTIONS "}) {
        const std::string_view prefix(m);
        if (line.substr(0, prefix.size()) == prefix) {
            req.method = QByteArray(m, qsizetype(prefix.size() - 1));
            line.remove_prefix(prefix.size());
            break;
        }
    }
    const std::size_t q = line.find('?');
    const std::string_view path = line.substr(0, q);
    req.path = QString::fromUtf8(
        QByteArray::fromPercentEncoding(QByteArray(path.data(), qsizetype(path.size()))));
    if (q != std::string_view::npos) {
        const std::string_view query = line.substr(q + 1);
        const QByteArray raw(query.data(), qsizetype(query.size()));
        req.query = HttpRequest::parseQuery(raw);
        fuzz::expect(req.query.size() <= std::size_t(raw.count('&')) + 1,
                     "parseQuery returned more items than the query has");
        for (const auto& item : req.query) {
            const std::string& key = item.first;
            const auto first = std::find_if(req.query.begin(), req.query.end(),
                                            [&](const auto& kv) { return kv.first == key; });
            const auto found = req.queryValue(key);
            fuzz::expect(found && *found == first->second,
                         "queryValue does not return a parsed key's first value");
        }
    }
    req.headers.emplace_back("host", "127.0.0.1:8000");

    bool mismatch = false;
    const auto match = api().routes().match(req.method, req.path, &mismatch);
    if (!match) return 0;
    RouteContext ctx(api(), req, *match->route, match->pathParams, std::nullopt);

    for (const auto& [name, value] : match->pathParams) {
        const ParamSpec* spec = match->route->param(name);
        if (!spec) continue;
        if (spec->type == ParamType::Integer)
            fuzz::expect(allDigits(value), "an integer path parameter matched non-digits");
        if (spec->type == ParamType::String && !spec->enumValues.empty())
            fuzz::expect(std::find(spec->enumValues.begin(), spec->enumValues.end(), value) !=
                             spec->enumValues.end(),
                         "an enumerated path parameter matched another value");
        if (spec->type != ParamType::Path)
            fuzz::expect(value.find('/') == std::string::npos,
                         "a one-segment path parameter matched a '/'");
    }
    for (const ParamSpec& p : match->route->params) readParam(ctx, p);

    fuzz::refusedOrDone([&] {
        const StyleSpec s = ctx.style();
        fuzz::expect(s.frame >= 0, "a negative frame was accepted");
        if (!s.styleJson.empty()) fuzz::refusedOrDone([&] { (void)parseStyle(s.styleJson); });
    });
    fuzz::refusedOrDone([&] { (void)ctx.styleGiven(); });
    if (match->pathParams.count("fmt")) fuzz::refusedOrDone([&] { (void)ctx.encoding(); });
    fuzz::refusedOrDone([&] { (void)ctx.imageRef(); });
    (void)ctx.origin();
    (void)ctx.queryToken();
    return 0;
}
