// OGC service exceptions: the value OGC handlers throw (code, locator, message, HTTP status) and
// the reports they become — WMS 1.3.0 ServiceExceptionReport, OWS 1.1 ExceptionReport (WMTS 1.0)
// and OWS 2.0 ExceptionReport (WCS 2.0.1). Thread-safe (pure functions).
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

#include "http/http_types.h"

namespace tessera::http::ogc {

class OgcException : public std::runtime_error {
  public:
    OgcException(std::string code, const std::string& message, std::string locator = {},
                 int status = 400)
        : std::runtime_error(message),
          code_(std::move(code)),
          locator_(std::move(locator)),
          status_(status) {}
    const std::string& code() const noexcept { return code_; }
    const std::string& locator() const noexcept { return locator_; }
    int status() const noexcept { return status_; }

  private:
    std::string code_;
    std::string locator_;
    int status_;
};

// Throws OgcException(code, message, locator) with the HTTP status OWS Common gives the code
// (400 for parameter errors, 404 for WCS NoSuchCoverage/InvalidSubsetting/InvalidAxisLabel,
// 501 for OperationNotSupported/OptionNotSupported, 500 for NoApplicableCode).
[[noreturn]] void raise(const std::string& code, const std::string& message,
                        const std::string& locator = {});
int statusForCode(const std::string& code) noexcept;

// MissingParameterValue naming the parameter.
[[noreturn]] void missing(const std::string& parameter);

enum class ReportKind { Wms130, Ows11, Ows20 };

// The XML report of an exception, with its HTTP status.
HttpResponse exceptionReport(const OgcException& e, ReportKind kind);

// Runs a service handler; OgcException and tessera::Error (BadRequest → InvalidParameterValue,
// others → NoApplicableCode with the error's status) become the report of the kind.
HttpResponse runService(ReportKind kind, const std::function<HttpResponse()>& handler);

}  // namespace tessera::http::ogc
