/* SPDX-License-Identifier: GPL-2.0-or-later */
/* metrics_text.h - writes metric families in the OpenMetrics 1.0 text format
 * (what Prometheus asks for first) or the Prometheus 0.0.4 text format (what
 * older scrapers and `promtool check metrics` read), from one description:
 * the formats differ only in a counter family's name (OpenMetrics names the
 * family without _total, its samples with it), # UNIT lines and # EOF. */
#ifndef MA_METRICS_TEXT_H
#define MA_METRICS_TEXT_H

#include <glib.h>

typedef enum { MA_OM_OPENMETRICS, MA_OM_PROMETHEUS } ma_om_format;
typedef enum { MA_OM_COUNTER, MA_OM_GAUGE } ma_om_type;

/* Label values are untrusted (RTSP URLs from the wire): longer ones are cut
 * at a character boundary to this many bytes, invalid UTF-8 is replaced. */
#define MA_OM_LABEL_VALUE_MAX 256

typedef struct {
    GString *out;
    ma_om_format format;
    ma_om_type type;          /* of the open family */
    char *family;             /* the open family's name (owned) */
} ma_om;

void ma_om_init(ma_om *w, GString *out, ma_om_format format);
/* Starts a family.  name: a counter's without _total; unit: NULL or the
 * base unit the name ends with ("seconds", "bytes").  help: one line. */
void ma_om_family(ma_om *w, const char *name, ma_om_type type, const char *unit,
                  const char *help);
/* One sample of the open family.  labels: NULL-terminated key, value, ...
 * (NULL for none); an empty value leaves that label out. */
void ma_om_sample(ma_om *w, const char *const *labels, double value);
/* Ends the exposition (# EOF for OpenMetrics) and frees w's state. */
void ma_om_finish(ma_om *w);

const char *ma_om_content_type(ma_om_format format);
/* The format a scraper's Accept header asks for (NULL: Prometheus text). */
ma_om_format ma_om_negotiate(const char *accept);

#endif
