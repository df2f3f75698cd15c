// Numbers in files, URLs and JSON are always written with a '.' decimal point, whatever the
// process locale (QCoreApplication applies the system locale, e.g. de_DE's ',', to C's
// strtod/printf): locale-independent parsing and printing, and a scope that runs C-library code
// (cfitsio) under the "C" numeric locale on the current thread only.
//
// Thread safety: all functions may be called from any thread; a scope affects its own thread.
#pragma once

#include <locale.h>

#include <optional>
#include <string>
#include <string_view>

namespace tessera {

// strtod as in the "C" locale (same syntax: spaces, sign, inf/nan, hex, exponent; same errno).
double strtodC(const char* text, char** end);

// The whole text as a number in the "C" locale (surrounding spaces allowed); nullopt when it is
// not one number. Out-of-range values give ±inf or 0 as strtod does.
std::optional<double> parseDoubleC(std::string_view text);

// Shortest text that reads back to v ("0.5", "1e+20", "nan", "inf"), never a ',' decimal point.
std::string formatDoubleC(double v);
// v with exactly `decimals` digits after the '.' ("%.*f" in the "C" locale).
std::string formatFixedC(double v, int decimals);

// Makes LC_NUMERIC "C" for the current thread until destroyed (uselocale), so C libraries that
// use strtod/printf/localeconv parse and print numbers the same under any process locale.
class CNumericScope {
  public:
    CNumericScope();
    ~CNumericScope();
    CNumericScope(const CNumericScope&) = delete;
    CNumericScope& operator=(const CNumericScope&) = delete;

  private:
    locale_t previous_;
};

}  // namespace tessera
