package isa.duckdb.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** How far an upload is: told the bytes sent so far, it shows bytes, rate and time left. */
interface ImportProgress extends AutoCloseable {

    void sent(long bytes);

    @Override
    void close();

    /**
     * {@code auto}: a bar on a terminal, plain lines otherwise; {@code bar}, {@code plain}, {@code none}.
     *
     * @param err where plain lines go (a bar draws on the process' standard error)
     */
    static ImportProgress of(String mode, String task, long total, PrintWriter err) {
        String chosen = mode.equals("auto") ? (System.console() != null ? "bar" : "plain") : mode;
        return switch (chosen) {
            case "bar" -> new Bar(task, total);
            case "plain" -> new Lines(task, total, err, System::nanoTime);
            case "none" -> new None();
            default -> throw new CliFailure("USAGE", "--progress must be auto, bar, plain or none, got '" + mode + "'");
        };
    }

    /** me.tongfei's progress bar on standard error: percentage, MB sent of total, speed and ETA. */
    final class Bar implements ImportProgress {
        private final ProgressBar bar;

        Bar(String task, long total) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" MB", 1_048_576)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }

        @Override
        public void sent(long bytes) {
            bar.stepTo(bytes);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** A line at each further tenth of the file and at the end: MB sent of total, percent, MB/s, seconds left. */
    final class Lines implements ImportProgress {
        private final String task;
        private final long total;
        private final PrintWriter err;
        private final LongSupplier nanos;
        private final long start;
        private int tenthsShown;
        private long last;

        Lines(String task, long total, PrintWriter err, LongSupplier nanos) {
            this.task = task;
            this.total = total;
            this.err = err;
            this.nanos = nanos;
            this.start = nanos.getAsLong();
        }

        @Override
        public void sent(long bytes) {
            last = bytes;
            int tenths = total == 0 ? 10 : (int) (bytes * 10 / total);
            if (tenths > tenthsShown && bytes < total) {
                tenthsShown = tenths;
                line(bytes);
            }
        }

        @Override
        public void close() {
            line(last);
        }

        private void line(long bytes) {
            double seconds = Math.max(nanos.getAsLong() - start, 1) / 1e9;
            double rate = bytes / seconds;
            long left = rate > 0 ? Math.round((total - bytes) / rate) : 0;
            err.println(String.format(Locale.ROOT, "%s: %.1f of %.1f MB (%d%%), %.1f MB/s, %d s left", task,
                    bytes / 1_048_576.0, total / 1_048_576.0, total == 0 ? 100 : bytes * 100 / total,
                    rate / 1_048_576.0, left));
            err.flush();
        }
    }

    /** Nothing shown. */
    final class None implements ImportProgress {
        @Override
        public void sent(long bytes) {
        }

        @Override
        public void close() {
        }
    }
}
