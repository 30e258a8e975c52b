// sluice-server: the waiting room and booking backend. Everything lives in libraries.
#include "server/app/cli.h"

int main(int argc, char** argv) {
    return sluice::runServerCli(argc, argv);
}
