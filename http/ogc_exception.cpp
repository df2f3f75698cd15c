#include "http/ogc_exception.h"

#include "http/ogc_xml.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http::ogc {

int statusForCode(const std::string& code) noexcept {
    if (code == "NoSuchCoverage" || code == "InvalidSubsetting" || code == "InvalidAxisLabel" ||
        code == "EmptyCoverageIdList")
        return 404;
    if (code == "OperationNotSupported" || code == "OptionNotSupported") return 501;
    if (code == "NoApplicableCode") return 500;
    return 400;
}

void raise(const std::string& code, const std::string& message, const std::string& locator) {
    throw OgcException(code, message, locator, statusForCode(code));
}

void missing(const std::string& parameter) {
    raise("MissingParameterValue",
          trf("Ogc", "The request has no %1 parameter; it is required.", parameter), parameter);
}

HttpResponse exceptionReport(const OgcException& e, ReportKind kind) {
    XmlWriter x;
    if (kind == ReportKind::Wms130) {
        x.start("ServiceExceptionReport")
            .ns("http://www.opengis.net/ogc")
            .ns(kXsiNs, "xsi")
            .attr("version", "1.3.0")
            .attr("xsi:schemaLocation",
                  "http://www.opengis.net/ogc "
                  "http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd");
        x.start("ServiceException").attr("code", e.code());
        if (!e.locator().empty()) x.attr("locator", e.locator());
        x.text(e.what()).end().end();
        return xmlResponse(x.finish(), e.status());
    }
    const bool v2 = kind == ReportKind::Ows20;
    x.start("ows:ExceptionReport")
        .ns(v2 ? kOws20Ns : kOws11Ns, "ows")
        .ns(kXsiNs, "xsi")
        .attr("version", v2 ? "2.0.0" : "1.1.0")
        .attr("xml:lang", "en")
        .attr("xsi:schemaLocation",
              v2 ? "http://www.opengis.net/ows/2.0 "
                   "http://schemas.opengis.net/ows/2.0/owsExceptionReport.xsd"
                 : "http://www.opengis.net/ows/1.1 "
                   "http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd");
    x.start("ows:Exception").attr("exceptionCode", e.code());
    if (!e.locator().empty()) x.attr("locator", e.locator());
    x.element("ows:ExceptionText", e.what()).end().end();
    return xmlResponse(x.finish(), e.status(), "application/xml; charset=UTF-8");
}

HttpResponse runService(ReportKind kind, const std::function<HttpResponse()>& handler) {
    try {
        return handler();
    } catch (const OgcException& e) {
        return exceptionReport(e, kind);
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::BadRequest)
            return exceptionReport(OgcException("InvalidParameterValue", e.what()), kind);
        return exceptionReport(
            OgcException("NoApplicableCode", e.what(), {}, httpStatusFor(e.kind())), kind);
    } catch (const std::bad_alloc&) {
        return exceptionReport(
            OgcException("NoApplicableCode", trc("Ogc", "Out of memory."), {}, 500), kind);
    } catch (const std::exception& e) {
        return exceptionReport(OgcException("NoApplicableCode", e.what(), {}, 500), kind);
    }
}

}  // namespace tessera::http::ogc
