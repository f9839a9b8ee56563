/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ws_compat.h - the Wireshark API differences between the releases the
 * plugin supports (4.0, 4.2, 4.4, 4.6), in one place.
 *
 * Each MA_WS_* macro is a CMake probe of the headers the build found
 * (plugin/ws_api.cmake), not a version number, so a backport or a release
 * in between is handled by what it actually declares.  Nothing else in
 * plugin/ tests a Wireshark version.  (wmem_packet_scope(), gone in 4.6,
 * needs no entry: pinfo->pool exists in every supported release; nor does
 * register_postseq_cleanup_routine(), declared alike in 4.0, 4.4 and 4.6.) */
#ifndef MA_WS_COMPAT_H
#define MA_WS_COMPAT_H

#include <stdbool.h>

#include <epan/packet.h>
#include <epan/proto.h>
#include <epan/dissectors/packet-rtp.h>
#include <ws_symbol_export.h>

/* field_info.value: embedded until 4.0, a pointer from 4.2. */
static inline fvalue_t *ma_fi_value(field_info *fi)
{
#ifdef MA_WS_FIELD_VALUE_IS_POINTER
    return fi->value;
#else
    return &fi->value;
#endif
}

/* rtp_dyn_payload_insert() takes the channel count from 4.4. */
static inline void ma_dyn_payload_insert(rtp_dyn_payload_t *map, unsigned pt, const char *encoding, int rate,
                                         unsigned channels)
{
#ifdef MA_WS_DYN_PAYLOAD_HAS_CHANNELS
    rtp_dyn_payload_insert(map, pt, encoding, rate, channels);
#else
    (void)channels; /* 4.0 keeps no channel count */
    rtp_dyn_payload_insert(map, pt, encoding, rate);
#endif
}

/* stat_tap_ui.tap_init_cb returns bool (success) from 4.6, void before:
 *     static ma_tap_init_result init(const char *arg, void *data) { ... MA_TAP_INIT_RETURN(ok); } */
#ifdef MA_WS_TAP_INIT_RETURNS_BOOL
typedef bool ma_tap_init_result;
#define MA_TAP_INIT_RETURN(ok) return (ok)
#else
typedef void ma_tap_init_result;
#define MA_TAP_INIT_RETURN(ok) \
    do {                       \
        (void)(ok);            \
        return;                \
    } while (0)
#endif

/* plugin_describe() (4.2 on) makes `tshark -G plugins` say "dissector"
 * instead of "unknown"; 4.0's loader does not look for it. */
#ifdef MA_WS_HAVE_PLUGIN_DESCRIBE
#include <wsutil/plugins.h>
#define MA_WS_PLUGIN_DESCRIBE()                  \
    WS_DLL_PUBLIC uint32_t plugin_describe(void); \
    uint32_t plugin_describe(void)                \
    {                                             \
        return WS_PLUGIN_DESC_DISSECTOR;          \
    }
#else
#define MA_WS_PLUGIN_DESCRIBE()
#endif

#endif
