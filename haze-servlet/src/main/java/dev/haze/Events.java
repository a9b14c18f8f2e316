package dev.haze;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to the listeners; a listener that throws is logged and skipped. */
final class Events implements HazeListener {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final List<HazeListener> listeners;

    Events(List<HazeListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void linkGenerated(String userId, Instant expiresAt) {
        fire("linkGenerated", l -> l.linkGenerated(userId, expiresAt));
    }

    @Override
    public void linkOpened(VerifiedToken token) {
        fire("linkOpened", l -> l.linkOpened(token));
    }

    @Override
    public void verified(VerifiedToken token) {
        fire("verified", l -> l.verified(token));
    }

    @Override
    public void rejected(InvalidTokenException.Reason reason) {
        fire("rejected", l -> l.rejected(reason));
    }

    @Override
    public void crossDeviceApproved(String userId) {
        fire("crossDeviceApproved", l -> l.crossDeviceApproved(userId));
    }

    @Override
    public void crossDeviceDenied(String userId) {
        fire("crossDeviceDenied", l -> l.crossDeviceDenied(userId));
    }

    private void fire(String event, Consumer<HazeListener> call) {
        for (HazeListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("HazeListener {} threw from {}; the outcome is unchanged", listener.getClass().getName(),
                        event, e);
            }
        }
    }
}
