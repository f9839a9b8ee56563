/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_gzip.c - gzip-compressed captures (what tshark reads as
 * .pcap.gz / .pcapng.gz), recognised by their content (RFC 1952 magic
 * 1f 8b), not by their name.  zlib inflates them behind a stdio stream
 * (glibc's fopencookie), so libpcap reads them with pcap_fopen_offline
 * like any other file and a cut-off gzip member reads as a truncated
 * capture. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* fopencookie */
#endif
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>
#include <zlib.h>

#include "capture_file.h"

gboolean ma_gzip_magic(const uint8_t *b, gsize n)
{
    return n >= 2 && b[0] == 0x1f && b[1] == 0x8b;
}

static ssize_t gz_read(void *cookie, char *buf, size_t size)
{
    gzFile gz = cookie;
    unsigned int want = size > G_MAXINT ? G_MAXINT : (unsigned int)size;
    int n = gzread(gz, buf, want);
    return n < 0 ? -1 : (ssize_t)n;
}

static int gz_close(void *cookie)
{
    return gzclose_r(cookie) == Z_OK ? 0 : EOF;
}

FILE *ma_gzip_fdopen(int fd)
{
    gzFile gz = gzdopen(fd, "rb");
    if (gz == NULL) {
        (void)close(fd);
        return NULL;
    }
    (void)gzbuffer(gz, 1u << 17); /* fewer read() calls than the 8 KiB default */
    cookie_io_functions_t io = {gz_read, NULL, NULL, gz_close};
    FILE *fp = fopencookie(gz, "rb", io);
    if (fp == NULL)
        (void)gzclose_r(gz);
    return fp;
}
