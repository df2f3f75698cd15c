// Writing a file so that it either appears complete under its final name or not at all:
// bytes go to a temporary file in the same directory, which is renamed into place.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tessera {

// Throws Error(IO) with the reason when the file cannot be written; no partial file remains.
void writeFileAtomically(const std::string& path, const std::vector<std::uint8_t>& bytes);
void writeFileAtomically(const std::string& path, const std::string& text);

}  // namespace tessera
