#include "http/route_table.h"

#include "util/error.h"

namespace tessera::http {

const ParamSpec* Route::param(const std::string& name) const {
    for (const auto& p : params)
        if (p.name == name) return &p;
    return nullptr;
}

std::vector<std::string> RouteTable::fullPatterns(const Route& route) {
    if (!route.perImage) return {route.pattern};
    std::vector<std::string> out;
    for (const auto& prefix : kImagePrefixes) out.push_back(prefix + route.pattern);
    return out;
}

namespace {

QString placeholderRegex(const Route& route, const std::string& name) {
    if (name == "id") return QStringLiteral("[^/]+");
    const ParamSpec* p = route.param(name);
    if (!p) fail(ErrorKind::Internal, "route " + route.pattern + ": no parameter " + name);
    if (p->type == ParamType::Integer) return QStringLiteral("\\d+");
    if (p->type == ParamType::Path) return QStringLiteral(".+");
    if (!p->enumValues.empty()) {
        QStringList alts;
        for (const auto& v : p->enumValues)
            alts << QRegularExpression::escape(QString::fromStdString(v));
        return QStringLiteral("(?:") + alts.join(QLatin1Char('|')) + QStringLiteral(")");
    }
    return QStringLiteral("[^/]+?");
}

}  // namespace

void RouteTable::add(Route route) {
    routes_.push_back(std::move(route));
    const std::size_t index = routes_.size() - 1;
    const Route& r = routes_.back();
    for (const std::string& pattern : fullPatterns(r)) {
        Compiled c{index, {}, {}};
        QString re = QStringLiteral("^");
        std::size_t i = 0;
        while (i < pattern.size()) {
            const std::size_t open = pattern.find('{', i);
            if (open == std::string::npos) {
                re += QRegularExpression::escape(QString::fromStdString(pattern.substr(i)));
                break;
            }
            const std::size_t close = pattern.find('}', open);
            re += QRegularExpression::escape(QString::fromStdString(pattern.substr(i, open - i)));
            const std::string name = pattern.substr(open + 1, close - open - 1);
            re += QStringLiteral("(") + placeholderRegex(r, name) + QStringLiteral(")");
            c.names.push_back(name);
            i = close + 1;
        }
        re += QStringLiteral("$");
        c.regex = QRegularExpression(re);
        c.regex.optimize();
        compiled_.push_back(std::move(c));
    }
}

std::optional<RouteTable::Match> RouteTable::match(const QByteArray& method, const QString& path,
                                                   bool* methodMismatch) const {
    const std::string m = method == "HEAD" ? std::string("GET") : method.toStdString();
    bool mismatch = false;
    for (const Compiled& c : compiled_) {
        const QRegularExpressionMatch rm = c.regex.match(path);
        if (!rm.hasMatch()) continue;
        const Route& r = routes_[c.route];
        if (r.method != m) {
            mismatch = true;
            continue;
        }
        Match out;
        out.route = &r;
        for (std::size_t k = 0; k < c.names.size(); ++k)
            out.pathParams[c.names[k]] = rm.captured(int(k) + 1).toStdString();
        return out;
    }
    if (methodMismatch) *methodMismatch = mismatch;
    return std::nullopt;
}

}  // namespace tessera::http
