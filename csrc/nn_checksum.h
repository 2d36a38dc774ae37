/* Checksums and digests for model files: CRC-32 (the ISO-HDLC polynomial of
 * zlib, PNG and gzip) to detect corruption, and 64-bit FNV-1a for content
 * digests.  Neither is cryptographic. */
#ifndef NN_CHECKSUM_H
#define NN_CHECKSUM_H

#include "nn_core.h"

/* Continues a CRC-32 (start with crc = 0) over data[0..n). */
uint32_t nn_crc32(uint32_t crc, const void *data, size_t n);

#define NN_FNV1A64_INIT 0xCBF29CE484222325ULL

/* Continues a 64-bit FNV-1a hash (start with NN_FNV1A64_INIT). */
uint64_t nn_fnv1a64(uint64_t h, const void *data, size_t n);

#endif
