package isa.duckdb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class ChecksumTest {

    @Test
    void theSameRowsGiveTheSameChecksumWhateverFormTheClientSawThem() {
        Checksum fromObjects = new Checksum(4);
        fromObjects.addLong(0, 42);
        fromObjects.addDecimal(1, new BigDecimal("1234.50"));
        fromObjects.addText(2, "REG AIR");
        fromObjects.addDate(3, LocalDate.of(1992, 1, 2).toEpochDay());
        fromObjects.addRows(1);

        Checksum fromWireText = new Checksum(4);
        fromWireText.addLong(0, 42);
        fromWireText.addDecimalText(1, "1234.5");
        fromWireText.addText(2, "REG AIR");
        fromWireText.addDateText(3, "1992-01-02");
        fromWireText.addRows(1);

        assertThat(fromWireText.value()).isEqualTo(fromObjects.value());
        assertThat(fromWireText.rows()).isEqualTo(1);
    }

    @Test
    void anArrowBatchChecksumsLikeTheSameRowsReadOneValueAtATime() {
        try (BufferAllocator allocator = new RootAllocator();
             BigIntVector keys = new BigIntVector("k", allocator);
             DecimalVector prices = new DecimalVector("p", allocator, 15, 2);
             VarCharVector modes = new VarCharVector("m", allocator);
             DateDayVector dates = new DateDayVector("d", allocator)) {
            keys.allocateNew(2);
            prices.allocateNew(2);
            modes.allocateNew(2);
            dates.allocateNew(2);
            keys.set(0, 1);
            keys.set(1, -7);
            prices.set(0, new BigDecimal("900.01"));
            prices.set(1, new BigDecimal("-0.50"));
            modes.set(0, "TRUCK".getBytes(StandardCharsets.UTF_8));
            modes.set(1, "".getBytes(StandardCharsets.UTF_8));
            dates.set(0, (int) LocalDate.of(1992, 1, 1).toEpochDay());
            dates.set(1, -1);
            for (var vector : new org.apache.arrow.vector.FieldVector[] {keys, prices, modes, dates}) {
                vector.setValueCount(2);
            }
            Checksum arrow = new Checksum(4);
            try (VectorSchemaRoot root = VectorSchemaRoot.of(keys, prices, modes, dates)) {
                ArrowChecksum.add(root, arrow);
                root.clear();
            }

            Checksum rows = new Checksum(4);
            rows.addLong(0, 1);
            rows.addDecimalText(1, "900.01");
            rows.addText(2, "TRUCK");
            rows.addDateText(3, "1992-01-01");
            rows.addLong(0, -7);
            rows.addDecimal(1, new BigDecimal("-0.5"));
            rows.addText(2, "");
            rows.addDate(3, -1);
            rows.addRows(2);

            assertThat(arrow.rows()).isEqualTo(2);
            assertThat(arrow.value()).isEqualTo(rows.value());
        }
    }

    @Test
    void aSkippedValueChangesTheChecksum() {
        Checksum all = new Checksum(2);
        Checksum skipped = new Checksum(2);
        all.addLong(0, 5);
        all.addText(1, "a");
        skipped.addLong(0, 5);

        assertThat(skipped.value()).isNotEqualTo(all.value());
    }

    @Test
    void valuesInADifferentColumnGiveADifferentChecksum() {
        Checksum first = new Checksum(2);
        Checksum second = new Checksum(2);
        first.addLong(0, 5);
        second.addLong(1, 5);

        assertThat(first.value()).isNotEqualTo(second.value());
    }

    @Test
    void aDecimalWithMoreDigitsThanTheTableHoldsIsRefused() {
        assertThatThrownBy(() -> new Checksum(1).addDecimalText(0, "1.005"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
