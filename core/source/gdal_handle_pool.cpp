#include "source/gdal_handle_pool.h"

#include <cpl_string.h>
#include <gdal_alg.h>
#include <gdal_pam.h>
#include <gdal_priv.h>

#include "source/gdal_env.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

void GdalDatasetCloser::operator()(GDALDataset* ds) const noexcept {
    if (!ds) return;
    // Computed statistics mark the PAM state dirty; never write .aux.xml next to user files.
    if (auto* pam = dynamic_cast<GDALPamDataset*>(ds))
        pam->SetPamFlags(pam->GetPamFlags() & ~GPF_DIRTY);
    GDALClose(GDALDataset::ToHandle(ds));
}

GdalDatasetPtr openGdalDataset(const std::string& gdalPath, bool remote, int overviewLevel,
                               bool thisLevelOnly) {
    ensureGdal();
    clearGdalError();
    std::vector<std::pair<std::string, std::string>> config;
    if (remote) config = GdalThreadConfig::remoteOptions();
    GdalThreadConfig scope(config);
    CPLStringList openOptions;
    if (overviewLevel >= 0)
        openOptions.SetNameValue(
            "OVERVIEW_LEVEL",
            (std::to_string(overviewLevel) + (thisLevelOnly ? " only" : "")).c_str());
    else if (thisLevelOnly)
        openOptions.SetNameValue("OVERVIEW_LEVEL", "NONE");
    GDALDatasetH h = GDALOpenEx(gdalPath.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr,
                                openOptions.List(), nullptr);
    return GdalDatasetPtr(GDALDataset::FromHandle(h));
}

GdalHandle::GdalHandle(std::string gdalPath, bool remote, GdalDatasetPtr dataset)
    : path_(std::move(gdalPath)), remote_(remote), dataset_(std::move(dataset)) {}

GdalHandle::~GdalHandle() {
    for (auto& [wkt, t] : transformers_) GDALDestroyGenImgProjTransformer(t);
}

void* GdalHandle::warpTransformer(const std::string& dstWkt) {
    if (auto it = transformers_.find(dstWkt); it != transformers_.end()) return it->second;
    constexpr std::size_t kMaxTransformers = 4;
    if (transformers_.size() >= kMaxTransformers) {
        for (auto& [wkt, t] : transformers_) GDALDestroyGenImgProjTransformer(t);
        transformers_.clear();
    }
    CPLStringList options;
    options.SetNameValue("DST_SRS", dstWkt.c_str());
    void* t = GDALCreateGenImgProjTransformer2(GDALDataset::ToHandle(dataset_.get()), nullptr,
                                               options.List());
    if (t) transformers_.emplace(dstWkt, t);
    return t;
}

GDALDataset* GdalHandle::overviewDataset(int level, bool thisLevelOnly) {
    if (level < 0 && !thisLevelOnly) return dataset_.get();
    const std::pair<int, bool> key{level, thisLevelOnly};
    auto it = overviews_.find(key);
    if (it != overviews_.end()) return it->second.get();
    GdalDatasetPtr ds = openGdalDataset(path_, remote_, level, thisLevelOnly);
    GDALDataset* raw = ds.get();
    overviews_.emplace(key, std::move(ds));
    return raw;
}

GdalHandlePool::GdalHandlePool(std::string gdalPath, bool remote, GdalDatasetPtr first,
                               std::size_t maxIdle)
    : HandlePool(
          [gdalPath, remote] {
              GdalDatasetPtr ds = openGdalDataset(gdalPath, remote);
              if (!ds)
                  fail(ErrorKind::IO,
                       trf("GdalSource", "Cannot reopen %1: %2", gdalPath, gdalLastError()));
              return std::make_unique<GdalHandle>(gdalPath, remote, std::move(ds));
          },
          first ? std::make_unique<GdalHandle>(gdalPath, remote, std::move(first)) : nullptr,
          maxIdle) {}

}  // namespace tessera
