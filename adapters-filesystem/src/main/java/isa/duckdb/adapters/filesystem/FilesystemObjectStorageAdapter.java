package isa.duckdb.adapters.filesystem;

import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ObjectStorage} on a local folder: bucket {@code b} is the folder {@code root/b}, and an
 * object key is a relative path inside it ('/' makes subfolders). Writes are atomic renames of
 * hidden {@code .upload-*} files. No message of a thrown {@link ServiceException} names a path.
 */
public final class FilesystemObjectStorageAdapter implements ObjectStorage {

    private final ObjectPaths paths;

    public FilesystemObjectStorageAdapter(Path root) {
        this.paths = new ObjectPaths(Objects.requireNonNull(root, "root"));
    }

    @Override
    public void ensureBucket(String bucket) {
        Path folder = paths.bucket(bucket);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw failure("create bucket '" + bucket + "'", e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String bucket, String key) {
        Path file = paths.object(bucket, key);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new StoredObject(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read object '" + key + "' in bucket '" + bucket + "'", e);
        }
    }

    @Override
    public List<StoredObject> list(String bucket, String prefix) {
        Path folder = paths.bucket(bucket);
        String start = prefix == null ? "" : prefix;
        try {
            List<StoredObject> objects = BucketLister.list(folder, start);
            objects.sort(Comparator.comparing(StoredObject::key));
            return objects;
        } catch (IOException e) {
            throw failure("list bucket '" + bucket + "'", e);
        }
    }

    @Override
    public void download(String bucket, String key, Path target) {
        Objects.requireNonNull(target, "target");
        Path file = paths.object(bucket, key);
        try (InputStream in = open(bucket, key, file)) {
            AtomicFiles.replace(target.toAbsolutePath(), ".download-", false, temp -> write(in, temp));
        } catch (IOException e) {
            throw failure("download object '" + key + "' from bucket '" + bucket + "'", e);
        }
    }

    @Override
    public void upload(String bucket, String key, Path source) {
        Objects.requireNonNull(source, "source");
        Path file = paths.object(bucket, key);
        if (!Files.isRegularFile(source)) {
            throw ServiceException.invalid("the file to upload as object '" + key + "' does not exist");
        }
        store(bucket, key, file, temp -> {
            try (InputStream in = Files.newInputStream(source)) {
                write(in, temp);
            } catch (NoSuchFileException e) {
                throw ServiceException.invalid("the file to upload as object '" + key + "' does not exist");
            }
        });
    }

    @Override
    public void put(String bucket, String key, byte[] content) {
        Objects.requireNonNull(content, "content");
        Path file = paths.object(bucket, key);
        store(bucket, key, file, temp -> Files.write(temp, content));
    }

    @Override
    public Optional<byte[]> get(String bucket, String key) {
        Path file = paths.object(bucket, key);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read object '" + key + "' in bucket '" + bucket + "'", e);
        }
    }

    @Override
    public void delete(String bucket, String key) {
        Path folder = paths.bucket(bucket);
        Path file = paths.object(bucket, key);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (Files.deleteIfExists(file)) {
                removeEmptyFolders(folder, file.getParent());
            }
        } catch (IOException e) {
            throw failure("delete object '" + key + "' in bucket '" + bucket + "'", e);
        }
    }

    @Override
    public void copy(String bucket, String sourceKey, String targetKey) {
        Path source = paths.object(bucket, sourceKey);
        Path target = paths.object(bucket, targetKey);
        try (InputStream in = open(bucket, sourceKey, source)) {
            store(bucket, targetKey, target, temp -> write(in, temp));
        } catch (IOException e) {
            throw failure("copy object '" + sourceKey + "' in bucket '" + bucket + "'", e);
        }
    }

    @Override
    public void checkReachable() {
        Path root = paths.root();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw failure("create its root folder", e);
        }
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new ServiceException(ErrorKind.UNAVAILABLE, "object storage root folder is not writable");
        }
    }

    @Override
    public String backendName() {
        return "filesystem";
    }

    private void store(String bucket, String key, Path file, AtomicFiles.Content content) {
        if (!Files.isDirectory(paths.bucket(bucket))) {
            throw ServiceException.notFound("bucket '" + bucket + "' does not exist");
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw conflict(bucket, key);
        }
        try {
            AtomicFiles.replace(file, ObjectPaths.TEMP_PREFIX, true, content);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw conflict(bucket, key);
        } catch (IOException e) {
            throw failure("store object '" + key + "' in bucket '" + bucket + "'", e);
        }
    }

    /** Opens an object for reading, NOT_FOUND when it is missing. */
    private static InputStream open(String bucket, String key, Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw missing(bucket, key);
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw missing(bucket, key);
        }
    }

    private static void write(InputStream in, Path temp) throws IOException {
        try (OutputStream out = Files.newOutputStream(temp)) {
            in.transferTo(out);
        }
    }

    /** Removes the folders a deleted key leaves empty, up to (not including) the bucket folder. */
    private static void removeEmptyFolders(Path bucketFolder, Path folder) {
        for (Path current = folder; current != null && !current.equals(bucketFolder)
                && current.startsWith(bucketFolder); current = current.getParent()) {
            try {
                Files.delete(current);
            } catch (IOException notEmptyOrGone) {
                return;
            }
        }
    }

    private static ServiceException missing(String bucket, String key) {
        return ServiceException.notFound("object '" + key + "' does not exist in bucket '" + bucket + "'");
    }

    private static ServiceException conflict(String bucket, String key) {
        return ServiceException.failedPrecondition(
                "object key '" + key + "' conflicts with an existing key prefix in bucket '" + bucket + "'");
    }

    /** The cause keeps the path for the server log; the message does not. */
    private static ServiceException failure(String action, IOException cause) {
        return new ServiceException(ErrorKind.UNAVAILABLE, "object storage could not " + action, cause);
    }
}
