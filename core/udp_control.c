/* SPDX-License-Identifier: GPL-2.0-or-later */
/* udp_control.c - the table of control traffic that is never media. */
#include "udp_control.h"

typedef struct {
    uint16_t port;
    const char *name;
} control_port;

/* IANA service names; either end of the datagram. */
static const control_port control_ports[] = {
    {53, "DNS"},         {67, "DHCP"},           {68, "DHCP"},    {123, "NTP"},
    {137, "NetBIOS-NS"}, {138, "NetBIOS-DGM"},   {161, "SNMP"},   {162, "SNMP trap"},
    {514, "syslog"},     {520, "RIP"},           {546, "DHCPv6"}, {547, "DHCPv6"},
    {1900, "SSDP"},      {3702, "WS-Discovery"}, {5353, "mDNS"},  {5355, "LLMNR"},
    {9875, "SAP"}, /* RFC 2974: read by correlator_sap.c, never media */
};

static const char *port_name(uint16_t port)
{
    for (gsize i = 0; i < G_N_ELEMENTS(control_ports); i++)
        if (control_ports[i].port == port)
            return control_ports[i].name;
    return NULL;
}

static gboolean link_local_group(const ma_addr *dst)
{
    if (dst->family == 4)
        return dst->bytes[0] == 224 && dst->bytes[1] == 0 && dst->bytes[2] == 0;
    /* any flags, scope 1 (interface-local) or 2 (link-local) */
    return dst->family == 6 && dst->bytes[0] == 0xff &&
           ((dst->bytes[1] & 0x0f) == 0x01 || (dst->bytes[1] & 0x0f) == 0x02);
}

const char *ma_udp_control_name(const ma_addr *dst, uint16_t sport, uint16_t dport)
{
    const char *name = port_name(dport);
    if (name == NULL)
        name = port_name(sport);
    if (name == NULL && dst != NULL && link_local_group(dst))
        name = "link-local multicast";
    return name;
}
