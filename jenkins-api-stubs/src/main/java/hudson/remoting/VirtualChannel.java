package hudson.remoting;

/** Stub: the channel to an agent; the plugin only passes it on. */
public interface VirtualChannel {
}
