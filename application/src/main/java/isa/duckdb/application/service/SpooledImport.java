package isa.duckdb.application.service;

import isa.duckdb.application.port.in.IncomingImport;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Chunks written to a spool file as they arrive, so memory stays flat whatever the upload size. */
final class SpooledImport implements IncomingImport {

    @FunctionalInterface
    interface Importer {
        long importFile(Path file, CancellationSignal signal);
    }

    private final Path spool;
    private final long announcedSize;
    private final Importer importer;
    private final AutoCloseable call;
    private OutputStream out;
    private long received;
    private boolean finished;

    /** @param call the tenant call the upload holds; closed when the upload completes or is aborted */
    SpooledImport(Path spool, long announcedSize, AutoCloseable call, Importer importer) {
        this.spool = spool;
        this.announcedSize = announcedSize;
        this.call = call;
        this.importer = importer;
    }

    @Override
    public synchronized void write(byte[] chunk) {
        if (finished) {
            throw ServiceException.invalid("the upload already ended");
        }
        received += chunk.length;
        if (announcedSize > 0 && received > announcedSize) {
            abort();
            throw ServiceException.invalid("more bytes arrived than total_size announced (" + announcedSize
                    + "); nothing was imported");
        }
        try {
            if (out == null) {
                out = Files.newOutputStream(spool);
            }
            out.write(chunk);
        } catch (IOException e) {
            abort();
            throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "the upload could not be spooled to disk", e);
        }
    }

    @Override
    public synchronized long complete(CancellationSignal signal) {
        if (finished) {
            throw ServiceException.invalid("the upload already ended");
        }
        finished = true;
        try {
            close();
            if (received == 0) {
                throw ServiceException.invalid("no data arrived after the metadata; nothing was imported");
            }
            if (announcedSize > 0 && received != announcedSize) {
                throw ServiceException.invalid("received " + received + " bytes but total_size announced "
                        + announcedSize + "; nothing was imported");
            }
            return importer.importFile(spool, signal);
        } finally {
            LocalFiles.deleteQuietly(spool);
            endCall();
        }
    }

    @Override
    public synchronized void abort() {
        finished = true;
        try {
            close();
        } catch (RuntimeException ignored) {
            // nothing to keep
        }
        LocalFiles.deleteQuietly(spool);
        endCall();
    }

    private void endCall() {
        try {
            call.close();
        } catch (Exception ignored) {
            // freeing a slot does not fail
        }
    }

    private void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "the upload could not be spooled to disk", e);
        } finally {
            out = null;
        }
    }
}
