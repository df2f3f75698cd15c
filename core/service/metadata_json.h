// The JSON documents describing an image view, in large_image / django-large-image shapes:
// getMetadata(), info/metadata, info/bands, info/frames; plus pixel and histogram answers.
#pragma once

#include <nlohmann/json.hpp>

#include "service/image_view.h"
#include "service/requests.h"

namespace tessera {

nlohmann::json metadataJson(const ImageView& view);
// info/metadata: metadata with bounds replaced by EPSG:4326 bounds (latitude clamped to
// ±89.9999) for geospatial sources, and frames: false when absent.
nlohmann::json infoMetadataJson(const ImageView& view);
nlohmann::json bandsJson(const ImageView& view);
nlohmann::json framesJson(const ImageView& view);

// data/pixel: {value:[...], r,g,b,a | l,a, bands:{"1":v,...}}, or {} outside the image.
nlohmann::json pixelJson(ImageView& view, const PixelRequest& request);
// data/histogram: a list per band, or {min,max,mean,stdev} lists with onlyMinMax.
nlohmann::json histogramJson(const ImageView& view, const HistogramRequest& request);

}  // namespace tessera
