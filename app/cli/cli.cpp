#include "cli/cli.h"

#include <cstdio>

namespace tessera::cli {

int run(int, char**) {
    std::fprintf(stderr, "tessera: no command yet\n");
    return 2;
}

}  // namespace tessera::cli
