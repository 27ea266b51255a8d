#!/bin/bash
# Routes through the simulator, as every endpoint of the interop runner expects: the job network gives eth0
# its address and on-link route, and this sends the whole 193.167.0.0/16 (and fd00:cafe:cafe::/48) through
# the simulator at .2 (::2) instead, then drops the on-link route so nothing bypasses it.

echo "Setting up routes..."
# The simulator checks UDP and TCP checksums; a veth leaves them to an offload that never happens.
ethtool -K eth0 tx off

read -r -a addresses <<<"$(hostname -I)"
ipv4=${addresses[0]}
ipv6=${addresses[1]:-}

echo "Endpoint's IPv4 address is $ipv4"
route add -net 193.167.0.0 netmask 255.255.0.0 gw "${ipv4%.*}.2"
route del -net "${ipv4%.*}.0" netmask 255.255.255.0

if [ -n "$ipv6" ]; then
    echo "Endpoint's IPv6 address is $ipv6"
    ip -d route add fd00:cafe:cafe::/48 via "${ipv6%:*}:2"
    ip -d route del "${ipv6%:*}:/64"
fi

mkdir -p /logs/qlog
