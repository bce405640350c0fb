package hudson;

import hudson.remoting.VirtualChannel;
import java.io.IOException;
import java.io.InputStream;

/** Stub: a file on the controller or an agent. */
public final class FilePath {
    private FilePath() {
        throw new UnsupportedOperationException("stub");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("stub");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("stub");
    }

    public String getName() {
        throw new UnsupportedOperationException("stub");
    }

    public java.util.List<FilePath> list() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public VirtualChannel getChannel() {
        throw new UnsupportedOperationException("stub");
    }

    public static FilePath getHomeDirectory(VirtualChannel ch) throws InterruptedException, IOException {
        throw new UnsupportedOperationException("stub");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public long length() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public boolean delete() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public FilePath createTempFile(String prefix, String suffix) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public void copyFrom(InputStream in) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public void renameTo(FilePath target) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }
}
