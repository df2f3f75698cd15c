// The command-line interface: `tessera <command> ...`. Data goes to stdout as JSON, images to
// files (-o). Bad input prints one line on stderr and exits 2.
#pragma once

namespace tessera::cli {

int run(int argc, char** argv);

}  // namespace tessera::cli
