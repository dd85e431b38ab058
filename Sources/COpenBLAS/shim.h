// OpenBLAS's CBLAS interface; the header lives under openblas-pthread/, found through pkg-config.
#include <cblas.h>
