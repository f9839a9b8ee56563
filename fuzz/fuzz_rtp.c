/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_rtp.c - libFuzzer harness: a flow of UDP payloads (fuzz_records.h
 * framing) through the RTP and RTCP parsers, the RTP probe (RFC 3550 A.1
 * validation of an unannounced flow) and the per-flow statistics (loss,
 * jitter, bursts, MDI) that the correlator keeps for a media flow. */
#include <stdint.h>
#include <string.h>

#include "fuzz_records.h"
#include "rtp.h"
#include "rtp_probe.h"
#include "rtp_stats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the first byte picks the clock rate the SDP would have given */
    static const guint clocks[] = {0, 8000, 90000, 48000, 1};
    if (size < 1)
        return 0;
    ma_rtp_stats *stats = ma_rtp_stats_new(clocks[data[0] % G_N_ELEMENTS(clocks)]);
    if (data[0] & 0x80)
        (void)ma_rtp_stats_set_mdi_rate(stats, 2e6);
    ma_rtp_probe probe;
    memset(&probe, 0, sizeof probe);
    fuzz_records r;
    fuzz_record rec;
    fuzz_records_init(&r, data + 1, size - 1, G_GINT64_CONSTANT(1700000000) * 1000000000);
    uint32_t frame = 0;
    while (fuzz_records_next(&r, &rec)) {
        frame++;
        ma_rtp_hdr h;
        GError *err = NULL;
        if (ma_rtp_parse(rec.bytes, rec.len, &h, &err)) {
            g_assert(h.header_len + h.padding_len + h.payload_len == rec.len);
            ma_rtp_stats_add_frame(stats, &h, rec.ns, rec.len, frame);
            ma_rtp_last last;
            ma_rtp_stats_last(stats, &last);
        } else {
            g_clear_error(&err);
        }
        (void)ma_rtp_looks_like_rtcp(rec.bytes, rec.len);
        (void)ma_rtcp_valid_compound(rec.bytes, rec.len);
        ma_rtcp_compound c;
        if (ma_rtcp_parse(rec.bytes, rec.len, &c, &err))
            ma_rtcp_compound_clear(&c);
        else
            g_clear_error(&err);
        ma_rtp_hdr ph;
        (void)ma_rtp_probe_add(&probe, rec.bytes, rec.len, rec.ns, &ph);
        g_free(rec.bytes);
    }
    ma_rtp_summary sum;
    ma_rtp_stats_summary(stats, &sum);
    ma_rtp_burst_summary bursts;
    ma_rtp_stats_bursts(stats, &bursts);
    gint64 peak_ns = 0;
    (void)ma_rtp_stats_jitter_peak(stats, &peak_ns);
    ma_rtp_stats_free(stats);
    return 0;
}
