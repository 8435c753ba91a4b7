package dev.signoff.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The addresses a phone on the same network can reach this machine at: site-local IPv4 addresses
 * (192.168/16, 10/8, 172.16/12) of interfaces that are up, skipping loopback, container bridges,
 * virtual machines' and VPN tunnels' interfaces, whose addresses no phone on the Wi-Fi can reach.
 */
final class LanAddresses {
    private static final Pattern NOT_LAN = Pattern.compile(
            "(docker|br-|veth|virbr|vmnet|vboxnet|lxcbr|lxdbr|cni|flannel|cali|podman|tun|tap|utun|wg|tailscale|zt|awdl|llw).*");

    private LanAddresses() {}

    /** This machine's LAN addresses, home-router ranges (192.168.x.x) first. */
    static List<Inet4Address> find() {
        List<Inet4Address> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual() || !isLanInterface(nic.getName())) continue;
                for (InetAddress a : Collections.list(nic.getInetAddresses()))
                    if (a instanceof Inet4Address v4 && isLanAddress(v4)) out.add(v4);
            }
        } catch (SocketException e) {
            return List.of();
        }
        out.sort(Comparator.comparingInt(LanAddresses::preference).thenComparing(InetAddress::getHostAddress));
        return out;
    }

    static boolean isLanInterface(String name) { return !NOT_LAN.matcher(name.toLowerCase()).matches(); }

    static boolean isLanAddress(Inet4Address a) { return a.isSiteLocalAddress(); }

    private static int preference(Inet4Address a) {
        int first = a.getAddress()[0] & 0xff;
        return first == 192 ? 0 : first == 10 ? 1 : 2;
    }
}
