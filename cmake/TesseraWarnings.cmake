# Compiler warnings, sanitizers and libFuzzer support shared by every Tessera target (GCC or
# Clang; the asan preset builds with Clang when it is installed, see ClangIfAvailable.cmake).
function(tessera_target_defaults target)
  # Clang has no -Wshadow=local; its -Wshadow is the nearest (locals, parameters, globals).
  set(shadow -Wshadow=local)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    set(shadow -Wshadow)
  endif()
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic ${shadow}
                                           -Wnon-virtual-dtor -Wcast-align -Wformat=2)
  if(TESSERA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_KEYWORDS)
endfunction()

if(TESSERA_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# libFuzzer needs Clang and its runtime (Debian: clang, libclang-rt-14-dev). Without them the
# fuzz targets in tests/fuzz are skipped and everything else builds as usual.
set(TESSERA_FUZZ_ENABLED OFF)
if(TESSERA_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(STATUS "TESSERA_FUZZ: ${CMAKE_CXX_COMPILER_ID} has no libFuzzer; fuzz targets skipped")
  else()
    include(CheckCXXSourceCompiles)
    set(CMAKE_REQUIRED_FLAGS -fsanitize=fuzzer)
    set(CMAKE_REQUIRED_LINK_OPTIONS -fsanitize=fuzzer)
    check_cxx_source_compiles(
      "#include <cstddef>
       #include <cstdint>
       extern \"C\" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }"
      TESSERA_HAVE_LIBFUZZER)
    unset(CMAKE_REQUIRED_FLAGS)
    unset(CMAKE_REQUIRED_LINK_OPTIONS)
    if(TESSERA_HAVE_LIBFUZZER)
      set(TESSERA_FUZZ_ENABLED ON)
    else()
      message(STATUS "TESSERA_FUZZ: libFuzzer runtime not found (install libclang-rt-14-dev); "
                     "fuzz targets skipped")
    endif()
  endif()
endif()
