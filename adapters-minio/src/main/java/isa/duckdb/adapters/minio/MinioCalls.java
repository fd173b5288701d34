package isa.duckdb.adapters.minio;

import io.minio.errors.ErrorResponseException;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one SDK call and turns its many checked exceptions into the port's error kinds. */
final class MinioCalls {
    private static final Logger LOG = LoggerFactory.getLogger(MinioCalls.class);
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchObject");

    @FunctionalInterface
    interface SdkCall<T> {
        T call() throws Exception;
    }

    private MinioCalls() {
    }

    /** A missing object or bucket is NOT_FOUND. */
    static <T> T run(String bucket, String key, SdkCall<T> call) {
        try {
            return call.call();
        } catch (ErrorResponseException e) {
            if (MISSING.contains(e.errorResponse().code())) {
                throw ServiceException.notFound(key.isEmpty()
                        ? "bucket '" + bucket + "' does not exist"
                        : "object '" + key + "' does not exist in bucket '" + bucket + "'");
            }
            throw refused(e);
        } catch (IOException e) {
            LOG.debug("Object storage I/O failure", e);
            throw MinioObjectStorageAdapter.unavailable(e);
        } catch (ServiceException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("Object storage call failed: {}", e.toString());
            throw new ServiceException(ErrorKind.INTERNAL, "object storage call failed", e);
        }
    }

    /** A missing object or bucket is an empty result. */
    static <T> Optional<T> optional(String bucket, String key, SdkCall<T> call) {
        try {
            return Optional.ofNullable(run(bucket, key, call));
        } catch (ServiceException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ServiceException refused(ErrorResponseException e) {
        String code = e.errorResponse().code();
        if ("AccessDenied".equals(code) || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
            return new ServiceException(ErrorKind.UNAVAILABLE, "object storage refused the service's credentials ("
                    + code + ")");
        }
        if (code != null && (code.startsWith("Slow") || "ServiceUnavailable".equals(code)
                || "InternalError".equals(code) || "RequestTimeout".equals(code))) {
            return new ServiceException(ErrorKind.UNAVAILABLE, "object storage is overloaded or failing (" + code + ")");
        }
        return new ServiceException(ErrorKind.INTERNAL, "object storage refused the request (" + code + ")");
    }
}
