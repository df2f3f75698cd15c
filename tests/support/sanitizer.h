// Whether this test binary is built with AddressSanitizer (GCC's and Clang's spelling): ASan needs
// terabytes of address space (no RLIMIT_AS) and keeps freed memory in quarantine (peak RSS says
// nothing about what the code holds).
#pragma once

namespace tessera::test {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAsan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAsan = true;
#else
constexpr bool kAsan = false;
#endif
#else
constexpr bool kAsan = false;
#endif

}  // namespace tessera::test
