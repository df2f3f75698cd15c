<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Area</name>
    <message>
        <location filename="../core/service/area.cpp" line="56"/>
        <source>The image geotransform cannot be inverted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/service/area.cpp" line="84"/>
        <source>The region bounds cannot be transformed to the image CRS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/service/area.cpp" line="97"/>
        <source>No output generated, check that the bounds of your ROI overlap the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/service/area.cpp" line="151"/>
        <source>Region bounds must be finite numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="76"/>
        <source>Invalid units &quot;%1&quot;: use pixels, fraction, projection or a CRS such as EPSG:4326.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="77"/>
        <source>The region is too large (%1 × %2 pixels); ask for a smaller width and height.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssociatedImage</name>
    <message>
        <location filename="../core/service/associated_image.cpp" line="15"/>
        <source>The associated image is not an 8-bit picture.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AtomicFile</name>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="146"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CacheReport</name>
    <message>
        <location filename="../core/cache/cache_report.cpp" line="21"/>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="2"/>
        <source>%1 hits, %2 misses (%3 hit rate), %4 MB of %5 MB used, %6 entries, %7 evictions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../app/cli/cmd_associated.cpp" line="12"/>
        <source>Write an associated image of a slide (label, macro, thumbnail).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_associated.cpp" line="15"/>
        <location filename="../app/cli/cmd_histogram.cpp" line="14"/>
        <location filename="../app/cli/cmd_info.cpp" line="14"/>
        <location filename="../app/cli/cmd_pixel.cpp" line="13"/>
        <location filename="../app/cli/cmd_region.cpp" line="16"/>
        <location filename="../app/cli/cmd_tile.cpp" line="13"/>
        <location filename="../app/cli/cmd_validate.cpp" line="17"/>
        <source>Image path or URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_associated.cpp" line="18"/>
        <source>Associated image name (see info --images).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_associated.cpp" line="22"/>
        <source>Maximum width (default: native).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_associated.cpp" line="25"/>
        <source>Maximum height (default: native).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_crs.cpp" line="13"/>
        <source>Print the supported output CRSes as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_formats.cpp" line="12"/>
        <source>Print the output formats (GDAL driver, MIME type, rw/ro, extension) as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_formats.cpp" line="15"/>
        <source>Only the formats Tessera writes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_histogram.cpp" line="12"/>
        <source>Print band histograms as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_histogram.cpp" line="17"/>
        <source>Number of bins (default 256).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_histogram.cpp" line="20"/>
        <source>Densities instead of counts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_histogram.cpp" line="22"/>
        <source>Only min, max, mean and stdev.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_histogram.cpp" line="24"/>
        <source>Lower histogram bound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_histogram.cpp" line="27"/>
        <source>Upper histogram bound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_histogram.cpp" line="30"/>
        <source>Use every pixel at full resolution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_histogram.cpp" line="32"/>
        <source>Longest side analysed (default 2048).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_info.cpp" line="12"/>
        <source>Print image metadata as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_info.cpp" line="17"/>
        <source>Driver-level metadata.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_info.cpp" line="18"/>
        <source>Band information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_info.cpp" line="20"/>
        <source>One band&apos;s information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_info.cpp" line="23"/>
        <source>Frames and their bands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_info.cpp" line="25"/>
        <source>tiles/metadata form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_info.cpp" line="27"/>
        <source>Names of the associated images (label, macro, thumbnail).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_pixel.cpp" line="11"/>
        <source>Print one pixel&apos;s values as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_pixel.cpp" line="17"/>
        <source>x (pixels unless --units).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_pixel.cpp" line="20"/>
        <source>y (pixels unless --units).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_pixel.cpp" line="23"/>
        <source>pixels, fraction, projection or a CRS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_region.cpp" line="14"/>
        <source>Write a region of the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_region.cpp" line="21"/>
        <source>Region bound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_region.cpp" line="25"/>
        <source>pixels, fraction, projection or a CRS (default: EPSG:4326 for georeferenced images, else pixels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_region.cpp" line="30"/>
        <source>Maximum output width.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_region.cpp" line="33"/>
        <source>Maximum output height.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_region.cpp" line="36"/>
        <source>Output CRS, e.g. EPSG:32633 (one of &apos;tessera crs&apos;; default: the image&apos;s). The region is reprojected and georeferenced in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_region.cpp" line="42"/>
        <source>Output format: GDAL driver, extension or MIME type (one of &apos;tessera formats --writable&apos;; default: from the -o extension, else the image&apos;s native output format).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_sample.cpp" line="32"/>
        <source>Make the built-in sample image and print its path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_sample.cpp" line="35"/>
        <source>Side in pixels (power of two, default 16384).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_sample.cpp" line="38"/>
        <source>Directory (default: the user cache).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_tile.cpp" line="11"/>
        <source>Write one tile (z = 0 is the coarsest level).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_tile.cpp" line="21"/>
        <source>Do not pad edge tiles to 256×256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_tile.cpp" line="29"/>
        <source>z, x and y must be integers, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_validate.cpp" line="14"/>
        <source>Check that a file is a Cloud Optimized GeoTIFF (exit 0 valid, 1 invalid).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_validate.cpp" line="19"/>
        <source>rio-cogeo&apos;s rules instead of GDAL&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_validate.cpp" line="21"/>
        <source>Warnings count as errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_validate.cpp" line="24"/>
        <source>Check block leaders and trailers: yes, no or auto (local files only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_validate.cpp" line="28"/>
        <source>Print the report as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_validate.cpp" line="41"/>
        <source>--full-check must be yes, no or auto</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Crs</name>
    <message>
        <location filename="../core/geo/crs.cpp" line="68"/>
        <source>unknown projection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/geo/crs.cpp" line="226"/>
        <source>Projection must not be geographic (it needs to use linear units, not longitude/latitude).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/geo/crs.cpp" line="245"/>
        <source>unitsPerPixel must be specified for this projection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="47"/>
        <source>&quot;%1&quot; is not a coordinate reference system Tessera knows (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="48"/>
        <source>Cannot transform coordinates from %1 to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="49"/>
        <source>&quot;%1&quot; cannot be written as WKT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="50"/>
        <source>The point (%1, %2) cannot be transformed from %3 to %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Encoder</name>
    <message>
        <location filename="../core/encode/encode_image.cpp" line="21"/>
        <source>Unknown output encoding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/gdal_mem_dataset.cpp" line="19"/>
        <source>Cannot write an empty or malformed raster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/gdal_mem_dataset.cpp" line="21"/>
        <source>GDAL lacks the MEM driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/gdal_mem_dataset.cpp" line="68"/>
        <source>The reprojected raster is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/gdal_mem_dataset.cpp" line="70"/>
        <source>Unsupported raster data type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/gdal_writer.cpp" line="109"/>
        <source>Cannot create the ZIP archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/gdal_writer.cpp" line="112"/>
        <source>Cannot write the ZIP archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/gdal_writer.cpp" line="178"/>
        <source>Cannot create a temporary directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/gdal_writer.cpp" line="187"/>
        <source>no output was produced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/gdal_writer.cpp" line="196"/>
        <source>Cannot open the ZIP archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/gdal_writer.cpp" line="201"/>
        <source>Not a ZIP archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/image_decoder.cpp" line="21"/>
        <source>Cannot decode an image from no bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/image_decoder.cpp" line="28"/>
        <source>Could not create an in-memory file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/image_decoder.cpp" line="44"/>
        <source>The image has no pixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/image_decoder.cpp" line="60"/>
        <source>The image is too large to decode in memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/jpeg_encoder.cpp" line="57"/>
        <source>JPEG images cannot be larger than 65500 pixels on a side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/jpeg_encoder.cpp" line="62"/>
        <source>Could not create a JPEG compressor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/jpeg_encoder.cpp" line="111"/>
        <source>Out of memory while encoding a JPEG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/png_encoder.cpp" line="69"/>
        <source>Could not create a PNG compressor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/png_encoder.cpp" line="188"/>
        <source>PNG compression failed (libdeflate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/png_encoder.cpp" line="219"/>
        <source>The image is too large for PNG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/raster_warp.cpp" line="23"/>
        <source>The region is not georeferenced, so it cannot be reprojected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/tiff_encoder.cpp" line="77"/>
        <source>JPEG-compressed TIFF needs 8-bit gray or RGB data without alpha; use DEFLATE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/tiff_encoder.cpp" line="81"/>
        <source>WebP-compressed TIFF needs 8-bit RGB or RGBA data; use DEFLATE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/tiff_encoder.cpp" line="91"/>
        <source>GDAL lacks the MEM or GTiff driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/tiff_encoder.cpp" line="185"/>
        <source>Cannot encode an empty raster as TIFF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/tiff_encoder.cpp" line="188"/>
        <source>The raster&apos;s sample buffer has the wrong size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/webp_encoder.cpp" line="32"/>
        <location filename="../core/encode/webp_encoder.cpp" line="69"/>
        <source>The WebP library version does not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/webp_encoder.cpp" line="43"/>
        <source>out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/webp_encoder.cpp" line="45"/>
        <source>WebP images cannot be larger than 16383 pixels on a side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/webp_encoder.cpp" line="48"/>
        <source>the image is too complex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/webp_encoder.cpp" line="50"/>
        <source>the file would be too big</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/webp_encoder.cpp" line="65"/>
        <source>WebP images cannot be larger than 16383 pixels on a side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/webp_encoder.cpp" line="74"/>
        <source>Invalid WebP encoder settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/encode/webp_encoder.cpp" line="112"/>
        <source>Out of memory while encoding a WebP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="4"/>
        <source>Could not create an in-memory raster: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="5"/>
        <source>Invalid projection for the output: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="6"/>
        <source>Reading the reprojected raster failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="7"/>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="8"/>
        <source>GDAL driver &quot;%1&quot; is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="9"/>
        <source>The %1 driver cannot write this region: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="10"/>
        <source>Cannot encode an empty image as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="11"/>
        <source>Cannot encode an image with %1 channels as %2 (1 to 4 are supported).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="12"/>
        <source>The image&apos;s pixel buffer holds %1 bytes where %2 are expected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="13"/>
        <source>The bytes are not an image Tessera can read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="14"/>
        <source>Images of sample type %1 are not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="15"/>
        <source>The image could not be decoded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="16"/>
        <source>JPEG quality %1 is outside 0 to 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="17"/>
        <source>JPEG subsampling %1 is not one of 0 (4:4:4), 1 (4:2:2), 2 (4:2:0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="18"/>
        <source>JPEG compression failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="19"/>
        <source>PNG compression failed (ISA-L error %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="20"/>
        <source>PNG compression level %1 is outside 0 to 9.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="21"/>
        <source>%1 bands cannot be written as an image (1 to 4 are possible).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="22"/>
        <source>Cannot reproject the region to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="23"/>
        <source>Bad reprojection options: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="24"/>
        <source>Reprojecting the region to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="25"/>
        <source>&apos;%1&apos; is not a TIFF compression Tessera can write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="26"/>
        <source>Invalid projection for the GeoTIFF: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="27"/>
        <source>Writing the TIFF failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="28"/>
        <source>libwebp error %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="29"/>
        <source>WebP quality %1 is outside 0 to 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="30"/>
        <source>WebP encoding failed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="78"/>
        <source>Thumbnail width and height must be between 1 and %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="79"/>
        <source>bins must be between 1 and %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="80"/>
        <source>Band %1 does not exist; the image has %2 bands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="81"/>
        <source>Width and height must be between 0 and %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FitsSource</name>
    <message>
        <location filename="../core/source/fits_source.cpp" line="438"/>
        <source>The read window is empty or invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/fits_source.cpp" line="441"/>
        <source>The output size must be at least 1×1 pixel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/fits_source.cpp" line="444"/>
        <source>The requested output is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/fits_source.cpp" line="449"/>
        <source>The read window lies outside the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="87"/>
        <source>%1 is not a FITS file Tessera can read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="88"/>
        <source>%1 is not a FITS file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="89"/>
        <source>%1 holds no image (no HDU with two or more axes of data).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="90"/>
        <source>%1 is too large to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="91"/>
        <source>Frame %1 does not exist (this image has %2 frames).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="92"/>
        <source>Reading %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="93"/>
        <source>Band %1 does not exist (the image has %2 bands).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Footprint</name>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="51"/>
        <source>The image corners cannot be transformed to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <location filename="../core/formats/format_registry.cpp" line="80"/>
        <source>the line contains a NUL byte.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/formats/format_registry.cpp" line="85"/>
        <source>expected native,&lt;source driver&gt;,&lt;output format&gt;; a field is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/formats/format_registry.cpp" line="108"/>
        <source>the driver is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/formats/format_registry.cpp" line="237"/>
        <source>No writable output format is configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/formats/service_config.cpp" line="156"/>
        <source>The file lists no CRS; the built-in list is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="31"/>
        <source>%1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="32"/>
        <source>expected &lt;GDAL driver&gt;,&lt;MIME type&gt;,&lt;rw|ro&gt;,&lt;extension&gt; (4 fields), found %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="33"/>
        <source>&quot;%1&quot; is not a MIME type (type/subtype).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="34"/>
        <source>the mode must be rw or ro, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="35"/>
        <source>&quot;%1&quot; is not a file extension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="36"/>
        <source>GDAL driver &quot;%1&quot; is not available in this build; skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="37"/>
        <source>GDAL driver &quot;%1&quot; cannot write in this build; listed as read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="38"/>
        <source>Unknown output format &quot;%1&quot;. Valid formats: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="39"/>
        <source>The format &quot;%1&quot; (%2) is read-only. Valid formats: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="40"/>
        <source>The built-in file %1 is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="41"/>
        <source>%1: cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="42"/>
        <source>%1:%2: &quot;%3&quot; is not an EPSG code (4326, EPSG:4326) or a range (32601-32660).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="43"/>
        <source>%1 (the file is ignored; the built-in formats are used)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="44"/>
        <source>%1 (the file is ignored; the built-in CRS list is used)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="45"/>
        <source>&quot;%1&quot; is not an EPSG CRS. Supported CRSes: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="46"/>
        <source>EPSG:%1 is not a supported output CRS. Supported CRSes: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GdalSource</name>
    <message>
        <location filename="../core/source/gdal_source.cpp" line="145"/>
        <source>The output size must be at least 1×1 pixel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/gdal_source.cpp" line="147"/>
        <source>The requested output is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/gdal_source.cpp" line="238"/>
        <source>no response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/gdal_source.cpp" line="242"/>
        <source>no GDAL driver recognises it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/gdal_source.cpp" line="344"/>
        <source>The read window is empty or invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/gdal_source.cpp" line="351"/>
        <source>The read window lies outside the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/gdal_source.cpp" line="424"/>
        <source>The projected bounds are empty or invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="94"/>
        <source>Cannot reopen %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="95"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="96"/>
        <source>%1 is not an image Tessera can read (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="97"/>
        <source>%1 is not an image Tessera can read (it has no raster bands).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="98"/>
        <source>Frame %1 does not exist (this image has one frame).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="99"/>
        <source>Band %1 does not exist (the image has %2 bands).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="100"/>
        <source>Reading %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="101"/>
        <source>Cannot create a warp buffer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="102"/>
        <source>This image cannot be reprojected to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="103"/>
        <source>Reprojecting %1 to %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GeoLocator</name>
    <message>
        <location filename="../ui/geo_locator.cpp" line="27"/>
        <source>RA %1  Dec %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/geo_locator.cpp" line="31"/>
        <source>%1 %2°  %3 %4°</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Histogram</name>
    <message>
        <location filename="../core/stats/histogram.cpp" line="76"/>
        <source>The histogram range must be finite numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/stats/histogram.cpp" line="79"/>
        <source>max must be larger than min in the histogram range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="82"/>
        <source>Frame %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="121"/>
        <source>bins must be a positive number up to 1000000, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Http</name>
    <message>
        <location filename="../http/api_state.cpp" line="36"/>
        <source>The settings must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/api_state.cpp" line="43"/>
        <source>auto_use_large_images must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/api_state.cpp" line="49"/>
        <source>max_small_image_size must be an integer between 1 and 65536.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/dzi_routes.cpp" line="74"/>
        <source>The Deep Zoom tile is outside the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/image_routes.cpp" line="311"/>
        <source>full_check must be auto, yes or no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/image_routes.cpp" line="397"/>
        <location filename="../http/job_routes.cpp" line="124"/>
        <source>Invalid output width or height.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/image_routes.cpp" line="470"/>
        <source>resolution must be &quot;full&quot; or empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/image_routes.cpp" line="473"/>
        <source>maxSize and frame must not be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/job_routes.cpp" line="69"/>
        <location filename="../http/job_routes.cpp" line="75"/>
        <source>No such job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/job_routes.cpp" line="126"/>
        <source>Unknown output format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/job_routes.cpp" line="136"/>
        <source>Rendering the region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/job_routes.cpp" line="139"/>
        <source>Writing the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/job_routes.cpp" line="191"/>
        <source>The job&apos;s result is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/library_routes.cpp" line="25"/>
        <source>This server has no image library attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/library_routes.cpp" line="168"/>
        <source>width and height must be positive numbers of pixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/page_routes.cpp" line="26"/>
        <location filename="../http/page_routes.cpp" line="60"/>
        <location filename="../http/page_routes.cpp" line="65"/>
        <location filename="../http/page_routes.cpp" line="67"/>
        <location filename="../http/page_routes.cpp" line="149"/>
        <location filename="../http/route_context.cpp" line="85"/>
        <location filename="../http/route_context.cpp" line="132"/>
        <location filename="../http/server.cpp" line="126"/>
        <location filename="../http/server.cpp" line="174"/>
        <location filename="../http/server.cpp" line="200"/>
        <source>Not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/server.cpp" line="73"/>
        <source>Out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/server.cpp" line="77"/>
        <source>Internal error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/server.cpp" line="185"/>
        <source>Authentication credentials were not provided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/server.cpp" line="190"/>
        <source>Invalid token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/standalone_routes.cpp" line="125"/>
        <source>The request body is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/style_preset_routes.cpp" line="30"/>
        <source>The body must be a large_image style (JSON).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="147"/>
        <source>Unknown setting &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="148"/>
        <source>Unknown tile format &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="149"/>
        <source>Deep Zoom level %1 does not exist (0..%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="150"/>
        <source>Region of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="151"/>
        <source>The job failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="152"/>
        <source>The job is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="153"/>
        <source>No image &quot;%1&quot; in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="154"/>
        <source>%1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="183"/>
        <source>&quot;%1&quot; parameter is an incorrect type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="184"/>
        <source>Parameter &quot;%1&quot; is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="185"/>
        <source>&apos;%1&apos; is not a valid source. Try one of: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="186"/>
        <source>Method &quot;%1&quot; not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="187"/>
        <source>There is no style preset &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <location filename="../core/service/image_view.cpp" line="68"/>
        <source>This image is not georeferenced, so it has no projection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/service/image_view.cpp" line="78"/>
        <source>The image&apos;s pixel size on the Earth cannot be determined (its corners do not map to the Earth), so it cannot be shown in this projection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/service/image_view.cpp" line="84"/>
        <source>The image bounds cannot be projected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="83"/>
        <source>Band %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="84"/>
        <source>Band %1 does not exist in this image.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <location filename="../core/jobs/job.cpp" line="28"/>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/jobs/job.cpp" line="30"/>
        <location filename="../core/jobs/job_queue.cpp" line="237"/>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/jobs/job.cpp" line="32"/>
        <location filename="../core/jobs/job_queue.cpp" line="275"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/jobs/job.cpp" line="34"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/jobs/job.cpp" line="36"/>
        <location filename="../core/jobs/job_queue.cpp" line="131"/>
        <location filename="../core/jobs/job_queue.cpp" line="280"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/jobs/job_queue.cpp" line="79"/>
        <source>A job needs a work function.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/jobs/job_queue.cpp" line="84"/>
        <source>The job queue is shutting down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/jobs/job_queue.cpp" line="90"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/jobs/job_queue.cpp" line="139"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/jobs/job_queue.cpp" line="264"/>
        <source>Unknown error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Label</name>
    <message>
        <location filename="../core/thumb/label_text.cpp" line="26"/>
        <source>FreeType could not be initialised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/thumb/label_text.cpp" line="91"/>
        <source>The label font DejaVu Sans was not found (install the fonts-dejavu-core package, or set TESSERA_LABEL_FONT to a TrueType font file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/thumb/label_text.cpp" line="101"/>
        <source>The label text is not valid UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="142"/>
        <source>The label font %1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Library</name>
    <message>
        <location filename="../core/library/library_jobs.cpp" line="16"/>
        <source> (cancelled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/library/library_jobs.cpp" line="25"/>
        <source>Sync the image library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/library/library_jobs.cpp" line="51"/>
        <source>Move images into the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/library/library_jobs.cpp" line="52"/>
        <source>Copy images into the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/library/library_jobs.cpp" line="84"/>
        <source>Pre-cache library thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/library/library_store.cpp" line="152"/>
        <source>An S3 folder needs a bucket name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/library/library_sync.cpp" line="96"/>
        <source>no such bucket or prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="52"/>
        <source>Cannot open the library %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="53"/>
        <source>Library database error (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="54"/>
        <source>The library %1 was written by a newer Tessera (schema %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="55"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="56"/>
        <source>Cannot write in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="57"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="58"/>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="59"/>
        <source>%1 is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="60"/>
        <source>%1 does not have an image file extension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="61"/>
        <source>Cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="62"/>
        <source>Copied %1 but cannot remove it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="63"/>
        <source>%1 added, %2 updated, %3 removed, %4 unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="64"/>
        <source>, %1 unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="65"/>
        <source>Imported %1 of %2 file(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="66"/>
        <source>%1 thumbnail(s) made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="67"/>
        <source>%1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="68"/>
        <source>The folder %1 is not there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="69"/>
        <source>Cannot list %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="70"/>
        <source>%1 is not there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="71"/>
        <source>No library folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ogc</name>
    <message>
        <location filename="../http/ogc_exception.cpp" line="71"/>
        <source>Out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wcs.cpp" line="67"/>
        <source>Tessera Web Coverage Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wcs.cpp" line="68"/>
        <source>Raw data of the images this server serves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wcs.cpp" line="199"/>
        <source>coverageId names no coverage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wcs.cpp" line="288"/>
        <source>Slicing is not supported: give a range, e.g. x(0,100).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wcs.cpp" line="301"/>
        <source>A subset&apos;s low bound is above its high bound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wcs.cpp" line="306"/>
        <source>Do not mix Lat/Long with x/y subsets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wcs.cpp" line="324"/>
        <source>The coverage cannot be expressed in that CRS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wcs.cpp" line="329"/>
        <source>The subset does not overlap the coverage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wms.cpp" line="79"/>
        <source>Tessera Web Map Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wms.cpp" line="80"/>
        <source>The images this Tessera server serves, one layer each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wms.cpp" line="101"/>
        <source>Tessera images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wms.cpp" line="129"/>
        <source>Default style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wms.cpp" line="175"/>
        <source>TRANSPARENT must be TRUE or FALSE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wms.cpp" line="185"/>
        <source>BGCOLOR must be 0xRRGGBB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wms.cpp" line="206"/>
        <source>STYLES must name one style per layer (or be empty).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wms.cpp" line="235"/>
        <location filename="../http/ogc_wms.cpp" line="239"/>
        <source>BBOX must be four numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wms.cpp" line="242"/>
        <source>BBOX minimum values must be smaller than the maximum values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wms.cpp" line="249"/>
        <source>WIDTH × HEIGHT is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../http/ogc_wmts.cpp" line="145"/>
        <source>Tessera Web Map Tile Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="155"/>
        <source>The request has no %1 parameter; it is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="156"/>
        <source>There is no coverage &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="157"/>
        <source>CRS &quot;%1&quot; is not supported; use one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="158"/>
        <source>Format &quot;%1&quot; cannot be written; use one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="159"/>
        <source>Cannot read subset &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="160"/>
        <source>Unknown axis &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="161"/>
        <source>Bad subset bound &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="162"/>
        <source>SERVICE must be WCS here, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="163"/>
        <source>Version %1 is not supported; this server speaks WCS 2.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="164"/>
        <source>Request &quot;%1&quot; is not supported; use GetCapabilities, DescribeCoverage or GetCoverage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="165"/>
        <source>%1 must be a whole number from 1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="166"/>
        <source>Format &quot;%1&quot; is not offered; use one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="167"/>
        <source>Version %1 is not supported; this server speaks WMS 1.3.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="168"/>
        <source>There is no layer &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="169"/>
        <source>There is no style &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="170"/>
        <source>CRS &quot;%1&quot; is not offered; use CRS:84 or one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="171"/>
        <source>SERVICE must be WMS here, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="172"/>
        <source>Request &quot;%1&quot; is not supported; use GetCapabilities or GetMap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="173"/>
        <source>%1 must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="174"/>
        <source>%1 is out of range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="175"/>
        <source>Format &quot;%1&quot; is not offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="176"/>
        <source>There is no tile matrix set &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="177"/>
        <source>There is no tile matrix &quot;%1&quot; in %2 for this layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="178"/>
        <source>TileRow %1 is outside %2..%3 at this level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="179"/>
        <source>TileCol %1 is outside %2..%3 at this level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="180"/>
        <source>SERVICE must be WMTS here, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="181"/>
        <source>Version %1 is not supported; this server speaks WMTS 1.0.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="182"/>
        <source>Request &quot;%1&quot; is not supported; use GetCapabilities or GetTile.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenSource</name>
    <message>
        <location filename="../core/source/open_source.cpp" line="124"/>
        <source>No file or URL was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="104"/>
        <source>The FITS reader reads local files only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="105"/>
        <source>&apos;%1&apos; is not a valid source. Try one of: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="106"/>
        <source>File not found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="107"/>
        <source>%1 is not an image Tessera can read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <location filename="../core/style/color.cpp" line="362"/>
        <source>An empty palette has no swatch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="123"/>
        <source>A palette swatch of %1×%2 pixels cannot be made.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaletteTables</name>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="124"/>
        <source>The built-in colour table %1 is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="125"/>
        <source>The built-in colour table %1 is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="126"/>
        <source>Bad colour %1 in a built-in table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="127"/>
        <source>Bad palette reference %1 in a built-in table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="128"/>
        <source>Bad palette %1 in a built-in table.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/export_widgets.cpp" line="75"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export_widgets.cpp" line="79"/>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="27"/>
        <source>Built-in defaults (no user file at %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Region</name>
    <message>
        <location filename="../core/service/region_output.cpp" line="71"/>
        <source>The image is not georeferenced, so it cannot be reprojected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SampleImage</name>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="96"/>
        <source>Making the sample image was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="203"/>
        <source>Generating pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="220"/>
        <location filename="../core/sample/sample_image.cpp" line="269"/>
        <source>writing pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="228"/>
        <source>GDAL has no GTiff driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="241"/>
        <source>creating the temporary file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="259"/>
        <source>Building overviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="266"/>
        <source>building overviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="274"/>
        <source>GDAL has no COG driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="278"/>
        <source>reopening the temporary file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="286"/>
        <source>Writing COG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="291"/>
        <source>writing the COG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="324"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="338"/>
        <source>Waiting for another Tessera process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/sample/sample_image.cpp" line="372"/>
        <source>The sample image just written does not read back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="72"/>
        <source>Could not write the sample image (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="73"/>
        <source>The sample image size must be a power of two from 256 to 32768, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="74"/>
        <source>Could not create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="75"/>
        <source>Could not move the sample image into place: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Source</name>
    <message>
        <location filename="../core/source/source.cpp" line="10"/>
        <source>This image is not georeferenced, so it cannot be reprojected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="108"/>
        <source>No associated image named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SourceCache</name>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="3"/>
        <source>Opening &quot;%1&quot; returned nothing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stretch</name>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="122"/>
        <source>Band %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Style</name>
    <message>
        <location filename="../core/style/style_parse.cpp" line="124"/>
        <location filename="../core/style/style_resolve.cpp" line="137"/>
        <source>Band has to be a positive integer, -1, or a band interpretation found in the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/style/style_parse.cpp" line="276"/>
        <location filename="../core/style/style_parse.cpp" line="340"/>
        <source>Style functions (&quot;function&quot;) are not supported by Tessera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/style/style_parse.cpp" line="290"/>
        <location filename="../core/style/style_parse.cpp" line="374"/>
        <source>Style is not a valid json object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/style/style_parse.cpp" line="291"/>
        <location filename="../core/style/style_parse.cpp" line="369"/>
        <source>Style is nested too deeply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/style/style_parse.cpp" line="346"/>
        <source>Style key &quot;bands&quot; has more than 256 entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/style/style_parse.cpp" line="368"/>
        <source>Style is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="129"/>
        <source>Style key &quot;%1&quot; has an invalid value: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="130"/>
        <source>(band: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="131"/>
        <source>Style key &quot;%1&quot; has an invalid value %2: the threshold after &quot;%3:&quot; must be a number from 0 to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="132"/>
        <source>Style key &quot;%1&quot; has an invalid value %2: use a number, &quot;auto&quot;, &quot;min&quot;, &quot;max&quot;, &quot;full&quot;, or &quot;min:T&quot;, &quot;max:T&quot;, &quot;auto:T&quot; with T from 0 to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="133"/>
        <source>Each entry of &quot;bands&quot; must be an object, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="134"/>
        <source>Style key &quot;palette&quot;: %1 cannot be used as a color palette.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="135"/>
        <source>Unknown style key &quot;%1&quot; (value %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="136"/>
        <source>Style key &quot;bands&quot; must be a list, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="140"/>
        <source>Frame %1 does not exist (the image has %2 frames).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="141"/>
        <source>Style frame %1 does not exist (the image has %2 frames).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StyleEditor</name>
    <message>
        <location filename="../ui/style_editor.cpp" line="40"/>
        <source>(unset: auto)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="41"/>
        <source>auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="42"/>
        <source>band min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="43"/>
        <source>band max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="44"/>
        <source>full range of type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="45"/>
        <source>min:T (histogram cut)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="46"/>
        <source>max:T (histogram cut)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="47"/>
        <source>auto:T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="48"/>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="64"/>
        <source>default band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="65"/>
        <source>%1. band %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StyleParams</name>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="85"/>
        <source>`style` query parameter is malformed and likely not properly URL encoded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="86"/>
        <source>The band parameter must be an integer, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StylePresets</name>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="137"/>
        <source>Cannot read the style presets file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="138"/>
        <source>The style presets file %1 is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="139"/>
        <source>&quot;%1&quot; is not a valid style name: use 1 to 64 letters, digits, &apos;_&apos;, &apos;-&apos;, &apos;.&apos; or spaces (&quot;default&quot; is reserved).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Thumbnail</name>
    <message>
        <location filename="../core/thumb/fits_stretch.cpp" line="15"/>
        <source>gamma must be a number between 0.05 and 20.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/thumb/rgb_thumbnail.cpp" line="31"/>
        <source>Colour thumbnails are made in image pixels, not a projection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="143"/>
        <source>Unknown stretch &quot;%1&quot;; use auto, style or zscale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="144"/>
        <source>The red, green and blue images must have the same size in pixels (they are %1, %2 and %3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TiffSource</name>
    <message>
        <location filename="../core/source/tiff_handle.cpp" line="81"/>
        <source>no TIFF header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/tiff_layout.cpp" line="223"/>
        <location filename="../core/source/tiff_layout.cpp" line="245"/>
        <source>The TIFF file has no image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/tiff_source.cpp" line="174"/>
        <source>an unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/tiff_source.cpp" line="291"/>
        <source>libtiff error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/tiff_source.cpp" line="351"/>
        <source>The read window is empty or invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/tiff_source.cpp" line="354"/>
        <source>The output size must be at least 1×1 pixel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/tiff_source.cpp" line="357"/>
        <source>The requested output is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/source/tiff_source.cpp" line="359"/>
        <source>The read window lies outside the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="109"/>
        <source>Cannot open %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="110"/>
        <source>%1 is not a TIFF file (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="111"/>
        <source>Cannot reopen %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="112"/>
        <source>%1 is left to GDAL (georeferenced or untiled TIFF without orientation).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="113"/>
        <source>%1 has no readable image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="114"/>
        <source>%1 uses %2 compression (TIFF compression %3), which this build&apos;s libtiff cannot decode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="115"/>
        <source>%1 has an empty image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="116"/>
        <source>Frame %1 does not exist (this image has one frame).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="117"/>
        <source>Band %1 does not exist (the image has %2 bands).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="118"/>
        <source>Reading %1 failed at block %2,%3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="119"/>
        <source>Reading %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="120"/>
        <source>Reading the %1 image of %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TileGrid</name>
    <message>
        <location filename="../core/tiling/tile_grid.cpp" line="13"/>
        <source>The image is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/tiling/tile_grid.cpp" line="28"/>
        <source>The image has no usable pixel size for this projection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/tiling/tile_grid.cpp" line="55"/>
        <source>z, x and y must not be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/tiling/tile_grid.cpp" line="57"/>
        <location filename="../core/tiling/tile_grid.cpp" line="60"/>
        <source>z layer does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/tiling/tile_grid.cpp" line="61"/>
        <source>x is outside layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/tiling/tile_grid.cpp" line="62"/>
        <source>y is outside layer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Viewer</name>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="188"/>
        <source>The file %1 does not exist.</source>
        <translation>Die Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/export_job.cpp" line="42"/>
        <source>The region is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export_job.cpp" line="58"/>
        <source>The thumbnail is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export_job.cpp" line="85"/>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export_job.cpp" line="90"/>
        <source>Rendering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/export_job.cpp" line="94"/>
        <source>Writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/image_session.cpp" line="23"/>
        <source>No file or URL was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/image_session.cpp" line="44"/>
        <source>The image has no pixels.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ZScale</name>
    <message>
        <location filename="../build/ui/trf_messages.cpp" line="145"/>
        <source>Band %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::cli</name>
    <message>
        <location filename="../app/cli/cli.cpp" line="25"/>
        <source>usage: tessera &lt;command&gt; [options]

commands:
  info PATH [--internal|--bands|--frames]            metadata as JSON
  tile PATH Z X Y -o FILE                            one tile
  region PATH --left --top --right --bottom [--units] [--crs] [--format] -o FILE
  thumbnail PATH [--width --height] [--label T] [--gamma G] -o FILE
  thumbnail --rgb RED GREEN BLUE [--label T] -o FILE  colour (FITS)
  associated PATH NAME [--width --height] -o FILE    label, macro, ...
  pixel PATH --left X --top Y                        band and styled values
  histogram PATH [--bins N] [--only-min-max] [--full]
  sample [--size N]                                  make the built-in sample
  formats                                            output formats (JSON)
  crs                                                supported output CRSes (JSON)
  serve PATH... [--port N] [--bind ADDR] [--token T]  HTTP tile server
  validate PATH [--lenient] [--json]                 is it a valid COG?
  convert IN OUT.tif [--compress C] [--crs CRS]      write a COG
  library add|sync|list|import|... [--db PATH]       the image library

PATH may be a file, an http(s):// or s3:// URL, or a GDAL /vsi path.
Run &apos;tessera &lt;command&gt; --help&apos; for a command&apos;s options.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="103"/>
        <source>Built-in sample: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cli.cpp" line="125"/>
        <source>unknown command or file &quot;%1&quot;; run &apos;tessera --help&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="25"/>
        <source>Convert an image to a Cloud Optimized GeoTIFF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="26"/>
        <source>Image path or URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="27"/>
        <source>The COG to write (.tif).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="31"/>
        <source>Compression (%1; default DEFLATE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="33"/>
        <source>JPEG / WEBP quality 1-100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="34"/>
        <source>DEFLATE / ZSTD level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="35"/>
        <source>YES, NO, STANDARD or FLOATING_POINT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="37"/>
        <source>Tile size in pixels (default 512).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="40"/>
        <source>Overview resampling (nearest, average, bilinear, cubic, lanczos, mode...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="42"/>
        <source>Reproject to this CRS (e.g. EPSG:3857).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="44"/>
        <source>Nodata value of the output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="45"/>
        <source>YES, NO, IF_NEEDED or IF_SAFER (default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="47"/>
        <source>Compression threads (a number or ALL_CPUS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_convert.cpp" line="49"/>
        <source>Replace OUT when it exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="33"/>
        <source>Library file (default: env TESSERA_LIBRARY, else $XDG_DATA_HOME/tessera/library.sqlite).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="47"/>
        <source>invalid --%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="61"/>
        <source>Add folders (local or s3://bucket/prefix) to the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="63"/>
        <source>Sync the added folders right away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="64"/>
        <source>Folders or s3:// prefixes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="86"/>
        <source>Remove folders (by id) and their records from the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="88"/>
        <source>Folder ids.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="95"/>
        <source>no library folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="102"/>
        <source>List the library folders (JSON).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="121"/>
        <source>Re-sync the library: record new files, update changed ones, remove records of files that are gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="124"/>
        <location filename="../app/cli/cmd_library.cpp" line="222"/>
        <source>Show progress on stderr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="125"/>
        <source>Do not make thumbnails while syncing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="126"/>
        <source>Records per transaction (default 16).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="128"/>
        <source>Sync only this folder id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="141"/>
        <source>folder %1: %2/%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="166"/>
        <source>List library images (JSON) with search and filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="169"/>
        <source>Text in the file name or path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="170"/>
        <source>Format (GTiff, PNG, JPEG, FITS, ...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="172"/>
        <source>Only georeferenced images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="173"/>
        <source>Only images without georeferencing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="175"/>
        <source>Minimum file size in bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="177"/>
        <source>Maximum file size in bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="178"/>
        <source>Only files that could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="179"/>
        <source>At most this many (0 = all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="200"/>
        <source>Copy (or move) files into the library&apos;s managed folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="202"/>
        <source>Move the files instead of copying them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="203"/>
        <source>Do not make thumbnails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="204"/>
        <source>Image files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="220"/>
        <source>Make the missing thumbnails of the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="239"/>
        <source>Show or set the minutes between scheduled re-syncs in the viewer (0 = off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="241"/>
        <source>Minutes (0 = off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="248"/>
        <source>invalid number of minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_library.cpp" line="270"/>
        <source>usage: tessera library add|remove|folders|sync|list|import|thumbnails|schedule [--db PATH] ...; see tessera library SUBCOMMAND --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="43"/>
        <source>Serve images over HTTP (django-large-image compatible API, CesiumJS and pixel viewers, Swagger UI at /docs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="45"/>
        <source>Image files or http(s)://, s3:// URLs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="47"/>
        <source>TCP port (default 8000; 0 = any free port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="50"/>
        <source>Address to listen on (default 127.0.0.1). Any other address requires the access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="54"/>
        <source>Access token (default: generated when one is required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="56"/>
        <source>Require the token on loopback too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="58"/>
        <source>Serve the image library too: /api/library, and each library image under /api/library/{id or base name}/.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="60"/>
        <source>Library file for --library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="64"/>
        <source>give images to serve, or --library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="68"/>
        <source>invalid --port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="74"/>
        <source>invalid --bind address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="87"/>
        <source>library %1: %2 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="102"/>
        <source>image %1: %2 (%3 x %4%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="106"/>
        <source>, geospatial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="109"/>
        <source>cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="115"/>
        <source>Serving on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="117"/>
        <source>Access token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="130"/>
        <source>Library: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="134"/>
        <source>API documentation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_serve.cpp" line="148"/>
        <source>Shutting down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_thumbnail.cpp" line="25"/>
        <source>Write a thumbnail of the whole image. FITS images are stretched as LCO&apos;s thumbnail service does (zscale limits and a gamma curve) unless a style is given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_thumbnail.cpp" line="28"/>
        <source>Image path or URL (with --rgb: the red, green and blue images).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_thumbnail.cpp" line="34"/>
        <source>Maximum width (default 256).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_thumbnail.cpp" line="37"/>
        <source>Maximum height (default 256).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_thumbnail.cpp" line="39"/>
        <source>Text drawn in the lower-left corner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_thumbnail.cpp" line="42"/>
        <source>Gamma of the zscale stretch (default 2.5 as LCO; 1 = linear).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_thumbnail.cpp" line="45"/>
        <source>auto (zscale for FITS without a style), style, or zscale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_thumbnail.cpp" line="48"/>
        <source>Colour thumbnail from three images of the same size: red, green, blue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_thumbnail.cpp" line="52"/>
        <source>--rgb takes three images: red, green and blue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_thumbnail.cpp" line="53"/>
        <source>one image path expected (three with --rgb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="28"/>
        <source>Tile projection, e.g. EPSG:3857 (default: pixels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="29"/>
        <source>Force a reader: gdal, tiff, fits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="31"/>
        <source>Frame number (default 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="35"/>
        <source>large_image style JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="36"/>
        <source>Read the style JSON from a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="39"/>
        <source>Band to show (1-based); enables the simple style options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="42"/>
        <source>Minimum for --band (number, auto, min, max, full, min:T).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="44"/>
        <source>Maximum for --band.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="46"/>
        <source>Palette for --band.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="49"/>
        <source>No-data value for --band.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="50"/>
        <source>linear or discrete, for --band.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="56"/>
        <source>Output file (- for stdout).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="59"/>
        <source>Output format: png, jpeg, webp, tiff (default: from the file name, else %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="62"/>
        <source>JPEG/WebP quality 0-100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="75"/>
        <source>wrong number of arguments; see --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="96"/>
        <source>cannot read style file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="122"/>
        <source>--%1 must be an integer, not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="132"/>
        <source>--%1 must be a number, not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="138"/>
        <source>--%1 is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="146"/>
        <source>unknown encoding &quot;%1&quot;; use png, jpeg, webp or tiff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="163"/>
        <source>--quality must be between 0 and 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/options.cpp" line="173"/>
        <source>an output file is required: -o FILE (or -o - for stdout)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui</name>
    <message>
        <location filename="../ui/scale_bar.cpp" line="26"/>
        <source>%1 km</source>
        <translation type="unfinished">%1 km</translation>
    </message>
    <message>
        <location filename="../ui/scale_bar.cpp" line="27"/>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scale_bar.cpp" line="28"/>
        <source>%1 cm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scale_bar.cpp" line="29"/>
        <location filename="../ui/scale_bar.cpp" line="31"/>
        <source>%1 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scale_bar.cpp" line="32"/>
        <source>%1 µm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scale_bar.cpp" line="33"/>
        <source>%1 nm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/scale_bar.cpp" line="37"/>
        <source>%1 px</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::CogConvertDialog</name>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="33"/>
        <source>Convert to COG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="36"/>
        <location filename="../ui/cog_convert_dialog.cpp" line="37"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="40"/>
        <source>Image to Convert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="47"/>
        <source>Write COG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="48"/>
        <source>GeoTIFF (*.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="66"/>
        <location filename="../ui/cog_convert_dialog.cpp" line="73"/>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="77"/>
        <source>Keep (e.g. EPSG:3857)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="79"/>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="83"/>
        <source>Replace the output if it exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="92"/>
        <source>Input:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="93"/>
        <source>Output:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="94"/>
        <source>Compression:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="95"/>
        <source>Quality:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="96"/>
        <source>Predictor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="97"/>
        <source>Block size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="98"/>
        <source>Overview resampling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="99"/>
        <source>Target CRS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="100"/>
        <source>Nodata:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="101"/>
        <source>BigTIFF:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="104"/>
        <source>Convert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="141"/>
        <source>Convert %1 to COG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="144"/>
        <source>Converting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="153"/>
        <source>Choose an input and an output file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="160"/>
        <source>The nodata value is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/cog_convert_dialog.cpp" line="166"/>
        <source>%1 exists. Tick &quot;Replace&quot; to overwrite it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::FormatsSettingsDialog</name>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="34"/>
        <source>Output Formats and CRSes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="37"/>
        <source>Output formats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="40"/>
        <source>GDAL driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="40"/>
        <source>MIME type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="40"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="40"/>
        <source>Extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="40"/>
        <source>Native for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="46"/>
        <source>Edit formats file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="54"/>
        <source>Supported output CRSes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="63"/>
        <source>Edit CRS file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="71"/>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="79"/>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="113"/>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="117"/>
        <source>read/write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="117"/>
        <source>read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="126"/>
        <source>From: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/formats_settings_dialog.cpp" line="127"/>
        <source>From: %1 — %n CRS(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="136"/>
        <source>No problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="158"/>
        <source>Could not create %1 in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/formats_settings_dialog.cpp" line="164"/>
        <source>Edit %1 with a text editor, then press Reload.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::GlobePanel</name>
    <message>
        <location filename="../ui/globe_panel.cpp" line="21"/>
        <source>Start Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/globe_panel.cpp" line="28"/>
        <location filename="../ui/globe_panel.cpp" line="41"/>
        <source>Start the server to see the globe.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::HistogramPanel</name>
    <message>
        <location filename="../ui/histogram_panel.cpp" line="155"/>
        <source>Computing histogram…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/histogram_panel.cpp" line="159"/>
        <source>Band %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/histogram_panel.cpp" line="181"/>
        <source>Histogram failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/histogram_panel.cpp" line="224"/>
        <source>min %1  max %2  mean %3  σ %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::HistogramView</name>
    <message>
        <location filename="../ui/histogram_panel.cpp" line="58"/>
        <source>No histogram</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::JobsPanel</name>
    <message>
        <location filename="../ui/jobs_panel.cpp" line="30"/>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.cpp" line="30"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.cpp" line="30"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.cpp" line="38"/>
        <source>Clear Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.cpp" line="85"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_panel.cpp" line="87"/>
        <source>Show File</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::LibraryPanel</name>
    <message>
        <location filename="../ui/library_panel.cpp" line="84"/>
        <source>%1 × %2, %3 band(s) %4, %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="90"/>
        <location filename="../ui/library_panel.cpp" line="171"/>
        <source>Georeferenced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="92"/>
        <source>Last sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="97"/>
        <source>Cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="100"/>
        <source>No thumbnail yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="147"/>
        <source>Search names and paths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="154"/>
        <location filename="../ui/library_panel.cpp" line="320"/>
        <source>All formats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="155"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="162"/>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="163"/>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="165"/>
        <source>Minimum file size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="166"/>
        <source>Maximum file size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="167"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="173"/>
        <source>Only georeferenced images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="200"/>
        <source>Add Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="200"/>
        <source>Add a local folder to the library and sync it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="202"/>
        <source>Add S3 Prefix…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="202"/>
        <source>Add s3://bucket/prefix to the library and sync it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="204"/>
        <source>Sync Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="204"/>
        <source>Re-sync every folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="205"/>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="205"/>
        <source>Copy or move files into the library&apos;s managed folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="207"/>
        <source>Pre-cache thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="207"/>
        <source>Make the missing thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="215"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="224"/>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="225"/>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="226"/>
        <source>Re-sync the library every N minutes (off = only on demand)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="230"/>
        <source>Auto-sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="258"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="259"/>
        <source>Convert to &amp;COG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="272"/>
        <source>The library cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="373"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/library_panel.cpp" line="374"/>
        <source>%n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="375"/>
        <source> (first %1 shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="376"/>
        <source>No folders yet: add one to build the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="425"/>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="427"/>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="442"/>
        <source>Cannot add %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="445"/>
        <source>Syncing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="450"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="457"/>
        <source>Moving into the library…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="457"/>
        <source>Copying into the library…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="464"/>
        <source>Making thumbnails…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="468"/>
        <source>Add a Folder to the Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="475"/>
        <source>Add an S3 Prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="476"/>
        <source>S3 bucket and prefix (credentials and endpoint from the AWS_* environment):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="481"/>
        <source>An S3 prefix looks like s3://bucket/prefix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="489"/>
        <source>Import Images into the Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="490"/>
        <source>Images (*.tif *.tiff *.png *.jpg *.jpeg *.jp2 *.webp *.fits *.fit *.fts *.svs *.ndpi *.scn *.mrxs *.vrt *.img *.ntf *.nc);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="493"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/library_panel.cpp" line="494"/>
        <source>Copy the %n file(s) into the library folder, or move them there?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="497"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/library_panel.cpp" line="498"/>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="260"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="304"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="327"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="265"/>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="58"/>
        <source>Tessera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="80"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="118"/>
        <source>outside the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="123"/>
        <source>x %1  y %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="126"/>
        <source>lon %1°  lat %2°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="141"/>
        <source>Some tiles could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="143"/>
        <source>Region selected: use File ▸ Export Region to save it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="157"/>
        <source>bands %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="188"/>
        <source>Pixel Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="193"/>
        <source>Style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="199"/>
        <source>Globe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="223"/>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="235"/>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="261"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="267"/>
        <location filename="../ui/main_window.cpp" line="422"/>
        <source>Open Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="268"/>
        <source>Images (*.tif *.tiff *.ptif *.svs *.ndpi *.scn *.vrt *.fits *.fit *.fts *.jp2 *.png *.jpg *.jpeg *.img *.nc);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="273"/>
        <source>Open &amp;Location…</source>
        <translation>&amp;Adresse öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="284"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="285"/>
        <source>Open &amp;Sample Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="288"/>
        <source>Export &amp;Region…</source>
        <translation>&amp;Bereich exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="291"/>
        <source>Export &amp;Thumbnail…</source>
        <translation>&amp;Vorschaubild exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="292"/>
        <source>Convert to &amp;COG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="295"/>
        <source>Output &amp;Formats and CRSes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="300"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="305"/>
        <source>&amp;Fit to Window</source>
        <translation>An &amp;Fenster anpassen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="308"/>
        <source>&amp;Actual Pixels (1:1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="310"/>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="312"/>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="314"/>
        <source>&amp;Select Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="318"/>
        <source>Drag on the image to select a region (Shift+drag works at any time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="323"/>
        <source>Texture &amp;Cache Size…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="328"/>
        <source>&amp;About Tessera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="330"/>
        <source>About Tessera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="331"/>
        <source>&lt;b&gt;Tessera&lt;/b&gt; %1&lt;br&gt;A viewer for very large images (COG, GeoTIFF, whole-slide TIFF, FITS).&lt;br&gt;&lt;br&gt;Keys: arrows pan, +/− zoom, Home fits, 1 shows actual pixels, Shift+drag selects a region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="356"/>
        <source>Frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="373"/>
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="441"/>
        <source>%1 — Tessera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="477"/>
        <location filename="../ui/main_window.cpp" line="504"/>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="483"/>
        <source>Opened %1: %2 × %3 pixels, %n band(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="515"/>
        <location filename="../ui/main_window.cpp" line="526"/>
        <source>Preparing the built-in sample image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="515"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="517"/>
        <source>Sample Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="554"/>
        <source>The sample image could not be made: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="556"/>
        <source>Sample image cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="575"/>
        <location filename="../ui/main_window.cpp" line="585"/>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="594"/>
        <source>Texture Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="594"/>
        <source>Texture cache size (MB):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="603"/>
        <source>&amp;Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="604"/>
        <source>&amp;Run Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="606"/>
        <source>Serve the open image over HTTP (tiles, API, globe page)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="613"/>
        <source>Server &amp;Port…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="617"/>
        <source>Server Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="617"/>
        <source>Port for the HTTP server (0 = any free port):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="625"/>
        <source>&amp;Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="629"/>
        <source>Copied %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="631"/>
        <source>Open in &amp;Browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="635"/>
        <source>Could not open a browser for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="650"/>
        <source>Server running at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="660"/>
        <source>The server could not start on port %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="691"/>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="718"/>
        <source>Open an image to see it on the globe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="720"/>
        <source>Start the server to see the globe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="743"/>
        <source>Clear Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="187"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="191"/>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="194"/>
        <source>Histogram</source>
        <translation>Histogramm</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="377"/>
        <source>Zoom %1 %  ·  level %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="401"/>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="420"/>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>tessera::ui::MetadataPanel</name>
    <message>
        <location filename="../ui/metadata_panel.cpp" line="68"/>
        <source>Filter keys and values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/metadata_panel.cpp" line="71"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/metadata_panel.cpp" line="71"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/metadata_panel.cpp" line="93"/>
        <source>Associated images (label, macro, thumbnail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/metadata_panel.cpp" line="120"/>
        <source>%n item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/metadata_panel.cpp" line="152"/>
        <source>Metadata</source>
        <translation type="unfinished">Metadaten</translation>
    </message>
    <message>
        <location filename="../ui/metadata_panel.cpp" line="153"/>
        <location filename="../ui/metadata_panel.cpp" line="166"/>
        <source>Internal metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/metadata_panel.cpp" line="171"/>
        <location filename="../ui/metadata_panel.cpp" line="188"/>
        <source>COG validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/metadata_panel.cpp" line="178"/>
        <source>valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/metadata_panel.cpp" line="179"/>
        <source>valid, with warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/metadata_panel.cpp" line="180"/>
        <source>not a valid COG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/metadata_panel.cpp" line="218"/>
        <source>%1 (preview %2×%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::OpenLocationDialog</name>
    <message>
        <location filename="../ui/open_location_dialog.cpp" line="16"/>
        <source>Open Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/open_location_dialog.cpp" line="17"/>
        <source>URL or GDAL path of an image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/open_location_dialog.cpp" line="25"/>
        <source>Examples: https://host/cog.tif, s3://bucket/key.tif, /vsizip/archive.zip/image.tif</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::OverviewMap</name>
    <message>
        <location filename="../ui/overview_map.cpp" line="103"/>
        <source>Rendering overview…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::PixelInspector</name>
    <message>
        <location filename="../ui/pixel_inspector.cpp" line="30"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pixel_inspector.cpp" line="30"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pixel_inspector.cpp" line="49"/>
        <source>Move the pointer over the image, or click a point to pin it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pixel_inspector.cpp" line="56"/>
        <source>Pinned point x %1, y %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pixel_inspector.cpp" line="56"/>
        <source>Pointer x %1, y %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pixel_inspector.cpp" line="61"/>
        <source>lon %1°, lat %2°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pixel_inspector.cpp" line="64"/>
        <source>Outside the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pixel_inspector.cpp" line="77"/>
        <source>Band %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pixel_inspector.cpp" line="83"/>
        <source>Styled %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::RegionExportDialog</name>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="25"/>
        <source>Export Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="28"/>
        <source>Pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="30"/>
        <source>Longitude/latitude (EPSG:4326)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="33"/>
        <source>Image CRS (EPSG:%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="52"/>
        <source>native</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="59"/>
        <source>Image CRS (no reprojection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="64"/>
        <source>Apply the current style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="65"/>
        <source>Raw data (TIFF keeps source samples)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="67"/>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="68"/>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="69"/>
        <source>Top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="70"/>
        <source>Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="71"/>
        <source>Bottom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="72"/>
        <source>Max width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="73"/>
        <source>Max height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="74"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="75"/>
        <source>Output CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="78"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="88"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="105"/>
        <location filename="../ui/region_export_dialog.cpp" line="118"/>
        <source>Cancelled: nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="120"/>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="184"/>
        <source>Choose a file to export to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/region_export_dialog.cpp" line="189"/>
        <source>The region is empty: left must differ from right and top from bottom.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::StyleEditor</name>
    <message>
        <location filename="../ui/style_editor.cpp" line="95"/>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="96"/>
        <source>large_image&apos;s default style for this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="97"/>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="98"/>
        <source>No style: samples converted to 8-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="100"/>
        <source>Stretch: min/max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="100"/>
        <source>Stretch: 2–98 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="100"/>
        <source>Stretch: mean ± 2σ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="101"/>
        <source>Stretch: zscale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="103"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="114"/>
        <source>Band entries</source>
        <translation>Bandeinträge</translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="119"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="120"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="121"/>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="122"/>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="188"/>
        <source>linear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="189"/>
        <source>discrete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="190"/>
        <source>nodata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="193"/>
        <location filename="../ui/style_editor.cpp" line="261"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="194"/>
        <source>lighten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="195"/>
        <source>multiply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="196"/>
        <source>Clamp values to min/max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="198"/>
        <source>Band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="199"/>
        <source>Min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="200"/>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="201"/>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="202"/>
        <source>Scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="204"/>
        <source>Composite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="222"/>
        <source>Style JSON (empty = default style, {} = raw)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="238"/>
        <source>Load…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="239"/>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="246"/>
        <location filename="../ui/style_editor.cpp" line="249"/>
        <source>Load style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="246"/>
        <source>Style files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="253"/>
        <location filename="../ui/style_editor.cpp" line="256"/>
        <source>Save style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="253"/>
        <source>Style files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="300"/>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="536"/>
        <source>Style is not a valid json object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="680"/>
        <source>Stretch failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="694"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/style_editor.cpp" line="699"/>
        <source>%1 is not a valid style: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::ThumbnailExportDialog</name>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="22"/>
        <source>Export Thumbnail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="29"/>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="32"/>
        <source>Apply the current style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="35"/>
        <source>Optional text for the lower-left corner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="36"/>
        <source>Max width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="37"/>
        <source>Max height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="38"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="40"/>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="41"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="50"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="61"/>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="76"/>
        <source>Cancelled: nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="78"/>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/thumbnail_export_dialog.cpp" line="115"/>
        <source>Choose a file to export to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tessera::ui::TileCanvas</name>
    <message>
        <location filename="../ui/tile_canvas.cpp" line="437"/>
        <source>Open an image: File ▸ Open, drop a file here, or File ▸ Open Location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/tile_canvas.cpp" line="483"/>
        <source>Loading %n tile(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::ui::TileLoader</name>
    <message>
        <location filename="../ui/tile_loader.cpp" line="91"/>
        <source>The tile image is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
