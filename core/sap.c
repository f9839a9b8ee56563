/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sap.c - SAP (RFC 2974 section 6) header:
 *
 *   | V=1 |A|R|T|E|C|   auth len    |         msg id hash           |
 *   :              originating source (32 or 128 bits)              :
 *   :              authentication data (auth len x 32 bits)         :
 *   :  optional payload type ("application/sdp") and a NUL         :
 *   :                          payload                              :
 *
 * The payload type may be left out when the payload is SDP (section 6:
 * a receiver sees "v=0" where the type would begin).  Every length is
 * checked against what remains before it is read. */
#include "sap.h"

#include <string.h>

#include "bigendian.h"

#define SAP_FIXED 4u
#define SAP_MIME_MAX 256u /* a payload type longer than this is not one */

gboolean ma_sap_is_group(const ma_addr *dst)
{
    static const uint8_t v4[4] = {224, 2, 127, 254};
    if (dst->family == 4)
        return memcmp(dst->bytes, v4, 4) == 0;
    if (dst->family != 6 || dst->bytes[0] != 0xff || (dst->bytes[1] & 0xf0) != 0)
        return FALSE; /* ff0X: permanent, scope X */
    for (int i = 2; i < 12; i++)
        if (dst->bytes[i] != 0)
            return FALSE;
    return dst->bytes[12] == 0 && dst->bytes[13] == 2 && dst->bytes[14] == 0x7f &&
           dst->bytes[15] == 0xfe;
}

const char *ma_sap_status_name(ma_sap_status s)
{
    switch (s) {
    case MA_SAP_OK: return "ok";
    case MA_SAP_TRUNCATED: return "truncated";
    case MA_SAP_BAD_VERSION: return "bad_version";
    case MA_SAP_ENCRYPTED: return "encrypted";
    case MA_SAP_COMPRESSED: return "compressed";
    default: return "not_sdp";
    }
}

/* After the header: "application/sdp\0", another type, or straight SDP. */
static ma_sap_status payload_of(const uint8_t *p, gsize n, ma_sap_msg *out)
{
    static const char sdp_type[] = "application/sdp";
    if (n >= 3 && memcmp(p, "v=0", 3) == 0) {
        out->payload = p;
        out->payload_len = n;
        return MA_SAP_OK;
    }
    const uint8_t *nul = memchr(p, '\0', MIN(n, (gsize)SAP_MIME_MAX));
    if (nul == NULL)
        return MA_SAP_NOT_SDP; /* neither SDP nor a terminated payload type */
    gsize type_len = (gsize)(nul - p);
    out->has_payload_type = TRUE;
    /* MIME types are case-insensitive (RFC 2045 5.1) */
    if (type_len != sizeof sdp_type - 1 ||
        g_ascii_strncasecmp((const char *)p, sdp_type, type_len) != 0)
        return MA_SAP_NOT_SDP;
    out->payload = nul + 1;
    out->payload_len = n - type_len - 1;
    return out->payload_len > 0 ? MA_SAP_OK : MA_SAP_NOT_SDP;
}

ma_sap_status ma_sap_parse(const uint8_t *data, gsize len, ma_sap_msg *out)
{
    memset(out, 0, sizeof *out);
    if (data == NULL || len < SAP_FIXED)
        return MA_SAP_TRUNCATED;
    out->version = data[0] >> 5;
    out->ipv6 = (data[0] & 0x10) != 0;
    out->deletion = (data[0] & 0x04) != 0;
    out->encrypted = (data[0] & 0x02) != 0;
    out->compressed = (data[0] & 0x01) != 0;
    out->auth_len = data[1];
    out->msg_id_hash = ma_rd16(data + 2);
    if (out->version != 1)
        return MA_SAP_BAD_VERSION;
    gsize src_len = out->ipv6 ? 16u : 4u;
    gsize off = SAP_FIXED;
    if (len - off < src_len)
        return MA_SAP_TRUNCATED;
    out->origin.family = out->ipv6 ? 6 : 4;
    memcpy(out->origin.bytes, data + off, src_len);
    off += src_len;
    gsize auth = (gsize)out->auth_len * 4u;
    if (len - off < auth)
        return MA_SAP_TRUNCATED;
    off += auth;
    /* the header is read; what follows is not readable for these */
    if (out->encrypted)
        return MA_SAP_ENCRYPTED;
    if (out->compressed)
        return MA_SAP_COMPRESSED;
    if (off == len)
        return MA_SAP_NOT_SDP;
    return payload_of(data + off, len - off, out);
}
