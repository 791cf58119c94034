// zlib (Debian zlib1g-dev), for reading .gz inputs directly.
#include <zlib.h>
