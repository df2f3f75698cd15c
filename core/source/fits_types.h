// Sample types of FITS images: the Tessera type of an (equivalent) BITPIX, the cfitsio datatype
// code a read asks for, and one type all frames of a file fit.
//
// Thread safety: pure functions.
#pragma once

#include <vector>

#include "raster/datatype.h"

namespace tessera {

// The sample type of cfitsio's equivalent BITPIX (BSCALE/BZERO applied; 64-bit integers and
// DOUBLE_IMG read as Float64).
DataType typeOfEquivalentBitpix(int bitpix);

// cfitsio's datatype code (TBYTE, TSHORT, ...) for reading samples as t.
int cfitsioType(DataType t);

// One type every frame's samples fit: the common type, else a float wide enough.
DataType commonType(const std::vector<DataType>& types);

}  // namespace tessera
