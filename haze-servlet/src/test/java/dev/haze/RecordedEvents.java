package dev.haze;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener that records every event, in order, as {@code generated:<user>}, {@code opened:<user>},
 * {@code verified:<user>}, {@code rejected:<REASON>}, {@code approved:<user>} and {@code denied:<user>}.
 */
public final class RecordedEvents implements HazeListener {
    /** The events, in order. */
    public final List<String> events = new CopyOnWriteArrayList<>();

    /**
     * @param from how many events there were before
     * @return the events recorded since
     */
    public List<String> since(int from) {
        return List.copyOf(events.subList(from, events.size()));
    }

    @Override
    public void linkGenerated(String userId, Instant expiresAt) {
        events.add("generated:" + userId);
    }

    @Override
    public void linkOpened(VerifiedToken token) {
        events.add("opened:" + token.userId());
    }

    @Override
    public void verified(VerifiedToken token) {
        events.add("verified:" + token.userId());
    }

    @Override
    public void rejected(InvalidTokenException.Reason reason) {
        events.add("rejected:" + reason);
    }

    @Override
    public void crossDeviceApproved(String userId) {
        events.add("approved:" + userId);
    }

    @Override
    public void crossDeviceDenied(String userId) {
        events.add("denied:" + userId);
    }
}
