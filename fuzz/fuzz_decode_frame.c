/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_decode_frame.c - libFuzzer harness: one captured frame through the
 * CLI's frame decoder (ma_decode_frame: link layer, IPv4/IPv6, fragments,
 * UDP, IGMP/MLD, TCP towards RTSP) over every link type it supports.  The
 * first byte picks the DLT (fuzz_link.h), the rest is the frame; bit 7 of
 * the first byte says the frame was cut by the snap length (wire length
 * larger than the captured length). */
#include <stdint.h>
#include <string.h>

#include "capture.h"
#include "decode_internal.h"
#include "fuzz_link.h"
#include "fuzz_sink.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    ma_capture_stats st;
    ma_capture_stats_init(&st);
    ma_sink sink = {fuzz_sink_rtsp, fuzz_sink_membership, fuzz_sink_udp, fuzz_sink_interleaved,
                    NULL,           fuzz_sink_host_mac,   NULL};
    ma_decoder *d = ma_decoder_new(NULL, &sink, &st.dec);
    uint8_t *frame = g_memdup2(data + 1, size - 1);
    gsize caplen = size - 1;
    ma_frame_in in = {fuzz_pick_dlt(data[0]),
                      1,
                      G_GINT64_CONSTANT(1700000000) * 1000000000,
                      frame,
                      caplen,
                      (data[0] & 0x80) ? caplen + 1000 : caplen};
    ma_dec_result res = ma_decode_frame(d, &in);
    g_assert(res >= MA_DEC_EVENT && res <= MA_DEC_HELD);
    ma_decoder_flush(d);
    /* every frame counted once (decode.h) */
    g_assert(st.dec.frames == 1);
    g_assert(st.dec.undecoded + st.dec.malformed <= 1);
    ma_decoder_free(d);
    g_free(frame);
    ma_capture_stats_clear(&st);
    return 0;
}
