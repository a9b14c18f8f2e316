package dev.haze;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that records the cross-device events as {@code approved:<user>} and {@code denied:<user>}. */
public final class CrossDeviceEvents implements HazeListener {
    /** The events, in order. */
    public final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void crossDeviceApproved(String userId) {
        events.add("approved:" + userId);
    }

    @Override
    public void crossDeviceDenied(String userId) {
        events.add("denied:" + userId);
    }
}
