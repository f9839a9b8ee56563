/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_file.c - opening capture files (pcap and pcapng, any byte
 * order, ns timestamps kept) and standard input with one clear message per
 * failure, and reading them one packet ahead. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bigendian.h"
#include "capture_file.h"
#include "capture_internal.h"

#define STDIN_NAME "standard input"

gint64 ma_capture_ts_ns(const struct pcap_pkthdr *h, gboolean nano)
{
    gint64 sub = (gint64)h->ts.tv_usec;
    return (gint64)h->ts.tv_sec * G_GINT64_CONSTANT(1000000000) + (nano ? sub : sub * 1000);
}

void ma_capture_linktype_error(GError **err, const char *name, int dlt)
{
    const char *dname = pcap_datalink_val_to_name(dlt);
    g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_LINKTYPE,
                "%s: link type %s (%d) is not supported; supported: %s", name,
                dname ? dname : "unknown", dlt, ma_decode_link_supported_list());
}

/* The first n bytes of the file (fewer when it is shorter or unreadable). */
static gsize read_head(const char *path, uint8_t *b, gsize n)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    gsize got = fread(b, 1, n, fp);
    (void)fclose(fp);
    return got;
}

/* The file's first four bytes: a pcap or pcapng magic number? */
static gboolean known_magic(const char *path)
{
    static const uint32_t magics[] = {
        0xa1b2c3d4u, 0xd4c3b2a1u, /* pcap, us */
        0xa1b23c4du, 0x4d3cb2a1u, /* pcap, ns */
        0xa1b2cd34u, 0x34cdb2a1u, /* Kuznetzov's modified pcap */
        0x0a0d0d0au,              /* pcapng section header */
    };
    uint8_t b[4];
    if (read_head(path, b, sizeof b) != sizeof b)
        return FALSE;
    uint32_t m = ma_rd32(b);
    for (gsize i = 0; i < G_N_ELEMENTS(magics); i++)
        if (m == magics[i])
            return TRUE;
    return FALSE;
}

/* Checks libpcap cannot word well: missing, directory, empty. */
static gboolean precheck(ma_capture_file *s, const char *path, GError **err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_OPEN, "%s: %s", path, g_strerror(errno));
        return FALSE;
    }
    if (S_ISDIR(sb.st_mode)) {
        g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_OPEN, "%s: is a directory", path);
        return FALSE;
    }
    if (S_ISREG(sb.st_mode)) {
        if (sb.st_size == 0) {
            g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_OPEN, "%s: empty file", path);
            return FALSE;
        }
        s->size = (gint64)sb.st_size;
    }
    return TRUE;
}

/* libpcap refused the input: say why in our words where we can. */
static void open_failed(const ma_capture_file *s, const char *why, GError **err)
{
    const char *what;
    if (s->path ? (!known_magic(s->path) && access(s->path, R_OK) == 0)
                : strstr(why, "unknown file format") != NULL)
        what = "not a pcap or pcapng file";
    else if (!s->path && strstr(why, "only got 0"))
        what = "empty input";
    else if (strstr(why, "truncated"))
        what = "capture file header truncated";
    else
        what = why;
    g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_OPEN, "%s: %s", s->name, what);
}

/* libpcap reads a file through stdio; glibc's default 4 KiB buffer makes
 * one read() per 4 KiB, which was half of the run time on big captures
 * (bench/README.md).  A 1 MiB buffer cuts that by ~250x. */
#define MA_INPUT_BUFFER (1u << 20)

/* The file starts with gzip's magic number. */
static gboolean is_gzip_file(const char *path)
{
    uint8_t b[2];
    return ma_gzip_magic(b, read_head(path, b, sizeof b));
}

/* Standard input always goes through zlib, which passes data that is not
 * gzip through unchanged: its first bytes cannot be peeked and put back
 * for libpcap. */
static FILE *open_gzip(ma_capture_file *s, const char *path, GError **err)
{
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : dup(STDIN_FILENO);
    FILE *fp = fd >= 0 ? ma_gzip_fdopen(fd) : NULL;
    if (fp == NULL) {
        int e = errno;
        g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_OPEN, "%s: %s", s->name,
                    g_strerror(e != 0 ? e : ENOMEM));
        return NULL;
    }
    s->gzip = TRUE;
    return fp;
}

static FILE *open_buffered(ma_capture_file *s, const char *path, GError **err)
{
    if (path == NULL || is_gzip_file(path))
        return open_gzip(s, path, err);
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        int e = errno;
        g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_OPEN, "%s: %s", s->name, g_strerror(e));
        return NULL;
    }
    s->iobuf = g_malloc(MA_INPUT_BUFFER);
    if (setvbuf(fp, s->iobuf, _IOFBF, MA_INPUT_BUFFER) != 0) {
        /* only fails on a bad mode; stdio's own buffer still works */
        g_free(s->iobuf);
        s->iobuf = NULL;
    }
    return fp;
}

gboolean ma_capture_file_open(ma_capture_file *s, const char *path, GError **err)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    gboolean is_stdin = strcmp(path, "-") == 0;
    memset(s, 0, sizeof *s);
    s->size = -1;
    s->name = g_strdup(is_stdin ? STDIN_NAME : path);
    s->path = is_stdin ? NULL : g_strdup(path);
    if (!is_stdin && !precheck(s, path, err))
        return FALSE;
    FILE *fp = open_buffered(s, s->path, err);
    if (fp == NULL)
        return FALSE;
    s->pcap = pcap_fopen_offline_with_tstamp_precision(fp, PCAP_TSTAMP_PRECISION_NANO, errbuf);
    if (!s->pcap) {
        /* pcap_fopen_offline leaves the stream to its caller on failure */
        (void)fclose(fp);
        open_failed(s, errbuf, err);
        return FALSE;
    }
    s->nano = pcap_get_tstamp_precision(s->pcap) == PCAP_TSTAMP_PRECISION_NANO;
    s->dlt = pcap_datalink(s->pcap);
    if (!ma_decode_link_supported(s->dlt)) {
        ma_capture_linktype_error(err, s->name, s->dlt);
        return FALSE;
    }
    return TRUE;
}

void ma_capture_file_next(ma_capture_file *s, ma_capture_stats *st, guint64 last_frame)
{
    s->have = FALSE;
    if (!s->pcap)
        return;
    int r = pcap_next_ex(s->pcap, &s->hdr, &s->data);
    if (r == 1) {
        s->have = TRUE;
        s->packets++;
        s->ts_ns = ma_capture_ts_ns(s->hdr, s->nano);
        return;
    }
    if (r == PCAP_ERROR) {
        /* A cut last packet (a capture copied while written, a full disk):
         * what came before it is still worth reporting. */
        const char *why = pcap_geterr(s->pcap);
        ma_capture_cut_add(st, s->name, last_frame, strstr(why, "truncated") == NULL);
        if (strstr(why, "truncated"))
            ma_capture_warn(st, "%s: capture truncated after frame %" G_GUINT64_FORMAT
                            "; sessions up to there are reported", s->name, last_frame);
        else
            ma_capture_warn(st, "%s: unreadable after frame %" G_GUINT64_FORMAT
                            " (%s); sessions up to there are reported", s->name, last_frame, why);
    }
    /* end of file (or error): this input is done */
    pcap_close(s->pcap);
    s->pcap = NULL;
}

gint64 ma_capture_file_position(const ma_capture_file *s)
{
    if (!s->pcap)
        return s->size;
    if (s->size < 0)
        return -1;
    FILE *fp = s->gzip ? NULL : pcap_file(s->pcap); /* inflated bytes: no file offset */
    off_t pos = fp ? ftello(fp) : -1;
    return pos >= 0 ? (gint64)pos : -1;
}

void ma_capture_file_close(ma_capture_file *s)
{
    if (s->pcap)
        pcap_close(s->pcap);
    g_free(s->iobuf); /* after pcap_close: the stream used it until then */
    g_free(s->name);
    g_free(s->path);
    memset(s, 0, sizeof *s);
}
