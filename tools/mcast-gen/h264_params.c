/* SPDX-License-Identifier: GPL-2.0-or-later */
/* h264_params.c - the H.264 parameter sets a camera announces in its SDP
 * (RFC 6184 8.1: sprop-parameter-sets, profile-level-id).
 *
 * The SPS and PPS are written field by field as ITU-T H.264 7.3.2.1.1 and
 * 7.3.2.2 lay them out (Exp-Golomb codes, RBSP trailing bits), then escaped
 * with emulation-prevention bytes (7.4.1) wherever the RBSP holds 00 00 0x,
 * so that a decoder, and Wireshark's H.264 dissector, parses every field
 * and reaches the end exactly.  The
 * profile-level-id is taken from the SPS bytes themselves, so the two
 * attributes can never disagree. */
#include "gen.h"

#include <string.h>

#define H264_PROFILE_MAIN 77u
#define H264_LEVEL_4_1 41u /* 1920x1080 at 25 fps fits (Table A-1) */
#define H264_NAL_SPS 0x67u /* nal_ref_idc 3, nal_unit_type 7 */
#define H264_NAL_PPS 0x68u /* nal_ref_idc 3, nal_unit_type 8 */

typedef struct {
    GByteArray *bytes;
    guint8 cur;
    guint nbits; /* bits already in cur */
} bitw;

static void put_bit(bitw *w, guint bit)
{
    w->cur = (guint8)((w->cur << 1) | (bit & 1u));
    if (++w->nbits == 8) {
        g_byte_array_append(w->bytes, &w->cur, 1);
        w->cur = 0;
        w->nbits = 0;
    }
}

/* u(n), most significant bit first. */
static void put_u(bitw *w, guint n, guint32 v)
{
    while (n-- > 0)
        put_bit(w, (v >> n) & 1u);
}

/* ue(v): v+1 in binary behind as many zeros as it has bits minus one. */
static void put_ue(bitw *w, guint32 v)
{
    guint64 x = (guint64)v + 1u;
    guint len = 0;
    for (guint64 t = x; t > 1; t >>= 1)
        len++;
    put_u(w, len, 0);
    for (guint i = len + 1; i-- > 0;)
        put_bit(w, (guint)((x >> i) & 1u));
}

/* se(v): 0, 1, -1, 2, -2, ... mapped to ue 0, 1, 2, 3, 4, ... */
static void put_se(bitw *w, gint32 v)
{
    put_ue(w, v > 0 ? (guint32)v * 2u - 1u : (guint32)(-(gint64)v) * 2u);
}

/* rbsp_trailing_bits(): a one, then zeros to the byte boundary. */
static void put_trailing(bitw *w)
{
    put_bit(w, 1);
    while (w->nbits != 0)
        put_bit(w, 0);
}

/* NAL header + RBSP with an emulation_prevention_three_byte before every
 * 00 00 0x (x <= 3) the payload would otherwise contain. */
static GByteArray *nal_escape(guint8 header, const GByteArray *rbsp)
{
    GByteArray *nal = g_byte_array_new();
    guint zeros = 0;
    static const guint8 epb = 0x03;

    g_byte_array_append(nal, &header, 1);
    for (guint i = 0; i < rbsp->len; i++) {
        guint8 b = rbsp->data[i];
        if (zeros >= 2 && b <= 3) {
            g_byte_array_append(nal, &epb, 1);
            zeros = 0;
        }
        g_byte_array_append(nal, &b, 1);
        zeros = b == 0 ? zeros + 1 : 0;
    }
    return nal;
}

/* 7.3.2.1.1 for Main profile, 4:2:0, progressive, cropped to the picture
 * size, with VUI timing so the frame rate is announced. */
static GByteArray *sps_rbsp(const gen_video_format *v)
{
    bitw w = { .bytes = g_byte_array_new() };
    guint width = v->width, height = v->height, fps = v->fps;
    guint mbs_w = (width + 15u) / 16u, mbs_h = (height + 15u) / 16u;

    put_u(&w, 8, H264_PROFILE_MAIN);
    put_u(&w, 8, 0x00);                /* constraint_set0..5_flag, reserved_zero_2bits */
    put_u(&w, 8, H264_LEVEL_4_1);
    put_ue(&w, 0);                     /* seq_parameter_set_id */
    put_ue(&w, 4);                     /* log2_max_frame_num_minus4 */
    put_ue(&w, 2);                     /* pic_order_cnt_type: output order = decode order */
    put_ue(&w, 1);                     /* max_num_ref_frames */
    put_u(&w, 1, 0);                   /* gaps_in_frame_num_value_allowed_flag */
    put_ue(&w, mbs_w - 1u);            /* pic_width_in_mbs_minus1 */
    put_ue(&w, mbs_h - 1u);            /* pic_height_in_map_units_minus1 */
    put_u(&w, 1, 1);                   /* frame_mbs_only_flag */
    put_u(&w, 1, 1);                   /* direct_8x8_inference_flag */
    gboolean crop = mbs_w * 16u != width || mbs_h * 16u != height;
    put_u(&w, 1, crop);                /* frame_cropping_flag */
    if (crop) {                        /* in units of 2 luma samples (4:2:0, frames) */
        put_ue(&w, 0);
        put_ue(&w, (mbs_w * 16u - width) / 2u);
        put_ue(&w, 0);
        put_ue(&w, (mbs_h * 16u - height) / 2u);
    }
    put_u(&w, 1, 1);                   /* vui_parameters_present_flag (E.1.1) */
    put_u(&w, 1, 0);                   /* aspect_ratio_info_present_flag */
    put_u(&w, 1, 0);                   /* overscan_info_present_flag */
    put_u(&w, 1, 0);                   /* video_signal_type_present_flag */
    put_u(&w, 1, 0);                   /* chroma_loc_info_present_flag */
    put_u(&w, 1, 1);                   /* timing_info_present_flag */
    /* Two ticks per frame on the 90 kHz clock RTP uses.  (Many cameras send
     * 1 and 2*fps, whose 00 00 00 01 needs an escape; Wireshark parses
     * sprop NAL units without removing escapes, so those show as malformed.) */
    put_u(&w, 32, 90000u / (2u * fps)); /* num_units_in_tick */
    put_u(&w, 32, 90000u);              /* time_scale */
    put_u(&w, 1, 1);                   /* fixed_frame_rate_flag */
    put_u(&w, 1, 0);                   /* nal_hrd_parameters_present_flag */
    put_u(&w, 1, 0);                   /* vcl_hrd_parameters_present_flag */
    put_u(&w, 1, 0);                   /* pic_struct_present_flag */
    put_u(&w, 1, 0);                   /* bitstream_restriction_flag */
    put_trailing(&w);
    return w.bytes;
}

/* 7.3.2.2: one slice group, CABAC (Main profile), defaults elsewhere. */
static GByteArray *pps_rbsp(void)
{
    bitw w = { .bytes = g_byte_array_new() };

    put_ue(&w, 0);   /* pic_parameter_set_id */
    put_ue(&w, 0);   /* seq_parameter_set_id */
    put_u(&w, 1, 1); /* entropy_coding_mode_flag */
    put_u(&w, 1, 0); /* bottom_field_pic_order_in_frame_present_flag */
    put_ue(&w, 0);   /* num_slice_groups_minus1 */
    put_ue(&w, 0);   /* num_ref_idx_l0_default_active_minus1 */
    put_ue(&w, 0);   /* num_ref_idx_l1_default_active_minus1 */
    put_u(&w, 1, 0); /* weighted_pred_flag */
    put_u(&w, 2, 0); /* weighted_bipred_idc */
    put_se(&w, 0);   /* pic_init_qp_minus26 */
    put_se(&w, 0);   /* pic_init_qs_minus26 */
    put_se(&w, 0);   /* chroma_qp_index_offset */
    put_u(&w, 1, 1); /* deblocking_filter_control_present_flag */
    put_u(&w, 1, 0); /* constrained_intra_pred_flag */
    put_u(&w, 1, 0); /* redundant_pic_cnt_present_flag */
    put_trailing(&w);
    return w.bytes;
}

static char *nal_base64(guint8 header, GByteArray *rbsp)
{
    GByteArray *nal = nal_escape(header, rbsp);
    char *b64 = g_base64_encode(nal->data, nal->len);
    g_byte_array_free(nal, TRUE);
    g_byte_array_free(rbsp, TRUE);
    return b64;
}

char *gen_h264_fmtp(const gen_video_format *v)
{
    GByteArray *sps = sps_rbsp(v);
    /* profile_idc, constraint flags and level_idc are the RBSP's first bytes (none escaped). */
    char *pli = g_strdup_printf("%02X%02X%02X", sps->data[0], sps->data[1], sps->data[2]);
    char *sps64 = nal_base64(H264_NAL_SPS, sps);
    char *pps64 = nal_base64(H264_NAL_PPS, pps_rbsp());
    char *fmtp = g_strdup_printf("profile-level-id=%s; packetization-mode=1; sprop-parameter-sets=%s,%s", pli,
                                 sps64, pps64);
    g_free(pli);
    g_free(sps64);
    g_free(pps64);
    return fmtp;
}
