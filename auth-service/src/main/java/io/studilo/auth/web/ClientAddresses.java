package io.studilo.auth.web;

import io.studilo.auth.AuthProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The client address login throttling counts by. {@code X-Forwarded-For} is believed only when the request
 * comes from a trusted proxy (the gateway), and then read from the right: the last entry not itself a trusted
 * proxy is the address our own proxy saw. (The leftmost entry is whatever the client chose to send, so it
 * would let an attacker pick a fresh address per attempt.) Otherwise the TCP peer address.
 */
@Component
class ClientAddresses {

    private final List<IpAddressMatcher> trustedProxies;

    ClientAddresses(AuthProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(IpAddressMatcher::new)
                .toList();
    }

    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank() || !trusted(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty() || !looksLikeAddress(hop)) {
                return peer;
            }
            if (!trusted(hop) || i == 0) {
                return hop;
            }
        }
        return peer;
    }

    private boolean trusted(String address) {
        for (IpAddressMatcher matcher : trustedProxies) {
            try {
                if (matcher.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean looksLikeAddress(String hop) {
        return hop.length() <= 45 && hop.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    }
}
