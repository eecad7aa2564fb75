package io.etwcorr.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** File errors for a person (an input, an output directory): Java's messages for the common ones are only the path. */
final class IoErrors {
    private IoErrors() {
    }

    /** Why a file operation failed, in words: Java's messages for these are only the path. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof NotDirectoryException notDirectory) {
            return "not a directory: " + notDirectory.getFile();
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return "a file is in the way: " + exists.getFile();
        }
        if (e instanceof FileSystemException other && other.getReason() != null) {
            return other.getReason() + ": " + other.getFile();
        }
        return e.getMessage();
    }
}
