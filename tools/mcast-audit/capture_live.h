/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_live.h - internal: live capture from a network interface (libpcap),
 * the counterpart of capture_file.h. */
#ifndef MA_CAPTURE_LIVE_H
#define MA_CAPTURE_LIVE_H

#include <glib.h>
#include "capture.h"
#include "frame_decode.h"

/* capture_live.c: read an interface until Ctrl-C or opts->duration_s. */
gboolean ma_capture_live(const ma_capture_opts *opts, ma_decoder *dec,
                         ma_capture_stats *st, GError **err);
#endif
