/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nal_hint.h - does an RTP payload start like H.264 (RFC 6184) or H.265
 * (RFC 7798) video?  A hint for a dynamic payload type with no SDP: a
 * stream whose every packet starts with a plausible NAL unit header is
 * video, so its RTP clock is 90 kHz (both RFCs fix it). */
#ifndef MA_NAL_HINT_H
#define MA_NAL_HINT_H

#include <glib.h>
#include <stdint.h>

#define MA_NAL_H264 1u
#define MA_NAL_H265 2u

/* MA_NAL_H264 | MA_NAL_H265: the codecs whose payload format the first
 * bytes of payload (len of them, checked before reading) fit; 0 neither. */
guint ma_nal_hint(const uint8_t *payload, gsize len);

#endif
