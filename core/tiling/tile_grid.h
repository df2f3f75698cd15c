// TileGrid: large_image's tiling of an image into z/x/y tiles (z = 0 coarsest), either in
// source pixels (256² tiles over the full-resolution image, or the file's native tile size for
// the TIFF source) or in a projection (the standard XYZ web-map grid when the projection is
// EPSG:3857). Immutable value type.
#pragma once

#include <string>

#include "geo/bounds.h"

namespace tessera {

// A window of full-resolution source pixels and the size it is resampled to.
struct PixelWindow {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // x1/y1 exclusive
    int outWidth = 0;
    int outHeight = 0;
};

struct TileCorners {
    double xmin = 0, xmax = 0, ymin = 0, ymax = 0;
};

class TileGrid {
  public:
    static constexpr int kTileSize = 256;

    // Pixel tiling of a sizeX × sizeY image in tileWidth × tileHeight tiles.
    static TileGrid pixel(int sizeX, int sizeY, int tileWidth = kTileSize,
                          int tileHeight = kTileSize);
    // Projected tiling: the world is unitsAcrossLevel0 projection units wide at z = 0;
    // pixelSizeMeters is the source's mean pixel size (decides the number of levels).
    static TileGrid projected(double unitsAcrossLevel0, double pixelSizeMeters);

    bool isProjected() const noexcept { return projected_; }
    int levels() const noexcept { return levels_; }
    int sizeX() const noexcept { return sizeX_; }
    int sizeY() const noexcept { return sizeY_; }
    int tileWidth() const noexcept { return tileW_; }
    int tileHeight() const noexcept { return tileH_; }
    double unitsAcrossLevel0() const noexcept { return units_; }

    // Number of tiles across / down at level z.
    int tilesX(int z) const noexcept;
    int tilesY(int z) const noexcept;
    // Downsampling factor of level z relative to full resolution: 2^(levels-1-z).
    double scale(int z) const noexcept;

    // Throws Error(BadRequest) with large_image's messages ("z layer does not exist",
    // "x is outside layer", "y is outside layer") for tiles outside a pixel grid. Projected
    // grids accept any non-negative z/x/y (tiles outside the data are transparent).
    void checkTile(int z, int x, int y) const;

    // Pixel grids: the source window of tile z/x/y. Edge tiles are smaller than a full tile.
    PixelWindow window(int z, int x, int y) const;
    // Projected grids: the tile's bounds in projection units.
    Bounds tileBounds(int z, int x, int y) const;
    // Tile corners as large_image's getTileCorners reports them: projection units when
    // projected, else full-resolution pixels with y measured from the bottom.
    TileCorners corners(int z, int x, int y) const;

  private:
    bool projected_ = false;
    int levels_ = 1;
    int sizeX_ = 0;
    int sizeY_ = 0;
    int tileW_ = kTileSize;
    int tileH_ = kTileSize;
    double units_ = 0;
};

}  // namespace tessera
