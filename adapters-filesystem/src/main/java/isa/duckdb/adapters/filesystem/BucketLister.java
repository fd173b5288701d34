package isa.duckdb.adapters.filesystem;

import isa.duckdb.application.port.out.StoredObject;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a bucket folder and collects the objects whose key starts with a prefix. Skips
 * uploads in progress, folders that cannot hold a matching key, and entries that vanish
 * while it walks.
 */
final class BucketLister extends SimpleFileVisitor<Path> {

    private final Path bucketFolder;
    private final String prefix;
    private final List<StoredObject> found = new ArrayList<>();

    private BucketLister(Path bucketFolder, String prefix) {
        this.bucketFolder = bucketFolder;
        this.prefix = prefix;
    }

    /** The matching objects, unsorted; empty when the bucket folder does not exist. */
    static List<StoredObject> list(Path bucketFolder, String prefix) throws IOException {
        BucketLister lister = new BucketLister(bucketFolder, prefix);
        if (Files.isDirectory(bucketFolder)) {
            Files.walkFileTree(bucketFolder, lister);
        }
        return lister.found;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (dir.equals(bucketFolder)) {
            return FileVisitResult.CONTINUE;
        }
        String folderKey = ObjectPaths.keyOf(bucketFolder, dir) + "/";
        boolean mayMatch = folderKey.startsWith(prefix) || prefix.startsWith(folderKey);
        return mayMatch ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(ObjectPaths.TEMP_PREFIX)) {
            String key = ObjectPaths.keyOf(bucketFolder, file);
            if (key.startsWith(prefix)) {
                found.add(new StoredObject(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
            }
        }
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
        }
        throw e;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e == null || e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
        }
        throw e;
    }
}
