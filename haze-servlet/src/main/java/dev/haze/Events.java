package dev.haze;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to the listeners; a listener that throws anything (an exception, checked or not, or an
 * error) is logged and skipped, since events fire after the outcome is settled (a token already consumed)
 * and must not change it. Only a {@link VirtualMachineError} (out of memory, stack overflow) propagates:
 * the JVM is then in no state to carry on as if nothing happened.
 */
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
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) { // also Errors and checked exceptions thrown sneakily
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("HazeListener {} threw from {}; the outcome is unchanged", listener.getClass().getName(),
                        event, e);
            }
        }
    }
}
