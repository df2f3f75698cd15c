# Toolchain file of the asan preset: Clang when it is installed (so the libFuzzer targets of
# tests/fuzz are built alongside ASan+UBSan), else the system's default compiler.
find_program(TESSERA_CLANG NAMES clang clang-14)
find_program(TESSERA_CLANGXX NAMES clang++ clang++-14)
if(TESSERA_CLANG AND TESSERA_CLANGXX)
  set(CMAKE_C_COMPILER ${TESSERA_CLANG})
  set(CMAKE_CXX_COMPILER ${TESSERA_CLANGXX})
endif()
