package io.mlcycle.runtime.artifact;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses hosts that reach a node's link-local network or a cloud metadata service, where a crafted artifact URI
 * could read instance credentials: 169.254.0.0/16, fe80::/10, AWS's fd00:ec2::254, Alibaba's 100.100.100.200 and
 * names such as {@code metadata.google.internal}. Names are checked as written and again as resolved, so a DNS
 * name pointing at a metadata address is refused too. {@code allowMetadataHosts} turns all of this off.
 */
public final class HostPolicy {

    private static final Set<String> METADATA_NAMES = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal",
            "metadata.azure.internal", "metadata.tencentyun.com", "metadata.oraclecloud.com");
    private static final Set<String> METADATA_ADDRESSES = Set.of("100.100.100.200", "fd00:ec2:0:0:0:0:0:254");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final boolean allowMetadataHosts;

    public HostPolicy(boolean allowMetadataHosts) {
        this.allowMetadataHosts = allowMetadataHosts;
    }

    /** The default: metadata and link-local hosts are refused. */
    public static HostPolicy strict() {
        return new HostPolicy(false);
    }

    public boolean allowsMetadataHosts() {
        return allowMetadataHosts;
    }

    /** Refuses a host by how it is written: a metadata name or a link-local/metadata IP literal. */
    public void checkName(String host, String artifact) {
        if (allowMetadataHosts) {
            return;
        }
        String name = normalize(host);
        if (METADATA_NAMES.contains(name)) {
            throw refused(artifact, host, "a cloud metadata service name");
        }
        if (IPV4.matcher(name).matches() || name.contains(":")) {
            try {
                checkAddress(InetAddress.getByName(name), host, artifact);
            } catch (UnknownHostException e) {
                throw new ArtifactException("artifact " + artifact + ": host '" + host + "' is not a valid address");
            }
        }
    }

    /** Refuses a host whose name or any resolved address is link-local or a metadata service. */
    public void checkResolved(String host, String artifact) {
        if (allowMetadataHosts) {
            return;
        }
        checkName(host, artifact);
        try {
            for (InetAddress address : InetAddress.getAllByName(normalize(host))) {
                checkAddress(address, host, artifact);
            }
        } catch (UnknownHostException e) {
            throw new ArtifactException("artifact " + artifact + ": cannot resolve host '" + host + "'", e);
        }
    }

    private static void checkAddress(InetAddress address, String host, String artifact) {
        if (address.isLinkLocalAddress()) {
            throw refused(artifact, host, "link-local (" + address.getHostAddress() + ")");
        }
        String text = address.getHostAddress();
        if (address instanceof Inet6Address && text.contains("%")) {
            text = text.substring(0, text.indexOf('%'));
        }
        if (METADATA_ADDRESSES.contains(text)) {
            throw refused(artifact, host, "a cloud metadata address (" + text + ")");
        }
    }

    private static String normalize(String host) {
        String name = host.toLowerCase(Locale.ROOT).trim();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    private static ArtifactException refused(String artifact, String host, String why) {
        return new ArtifactException("artifact " + artifact + ": host '" + host + "' is " + why
                + "; refused to protect instance credentials (set mlcycle.runtime.allow-metadata-hosts=true to allow)");
    }
}
