// FITS headers as Tessera shows them: the 80-character cards of an HDU (the uncompressed image
// header for tile-compressed images), parsed into JSON keywords with cfitsio's card parser, and
// the WCS subset of those keywords.
//
// Thread safety: free functions; readHeaderCards uses the given handle, which must not be used
// by another thread at the same time.
#pragma once

#include <string>
#include <vector>

#include <fitsio.h>
#include <nlohmann/json.hpp>

namespace tessera {

// The header cards of the handle's current HDU, 80 characters each (END excluded). For a
// tile-compressed image these are the cards of the image it holds (ZBITPIX → BITPIX, ...).
// Returns an empty list when cfitsio cannot read the header.
std::vector<std::string> readHeaderCards(fitsfile* f, bool compressedImage);

// A card's value as JSON: string (quotes removed), integer, float, boolean, or null when the
// card has no value (COMMENT, HISTORY, blank, or an undefined value).
nlohmann::json fitsCardValue(const std::string& card);

// {KEY: value} for every valued card (the last one wins for repeated keys), with the text of
// COMMENT and HISTORY cards collected into arrays under those names.
nlohmann::json fitsHeaderKeywords(const std::vector<std::string>& cards);

// The WCS keywords of a header (NAXISn, WCSAXES, CTYPEi, CRVALi, CRPIXi, CDELTi, CUNITi, CROTAi,
// CDi_j, PCi_j, PVi_m, PSi_m, LONPOLE, LATPOLE, RADESYS, EQUINOX, EPOCH, MJD-OBS, DATE-OBS and
// SIP A_/B_/AP_/BP_ terms), from fitsHeaderKeywords output.
nlohmann::json fitsWcsKeywords(const nlohmann::json& keywords);

// True when CTYPE1/CTYPE2 name a celestial pair (RA/DEC, GLON/GLAT, ELON/ELAT, ...) with a
// projection code, e.g. "RA---TAN" and "DEC--TAN".
bool hasCelestialWcs(const nlohmann::json& keywords);

}  // namespace tessera
