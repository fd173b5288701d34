package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void readsDuckDbsDecimalAndBinaryUnits() {
        assertThat(ByteSize.parse("512MB", "x").bytes()).isEqualTo(512_000_000L);
        assertThat(ByteSize.parse("2 GiB", "x").bytes()).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("1.5gb", "x").bytes()).isEqualTo(1_500_000_000L);
        assertThat(ByteSize.parse("1048576", "x").bytes()).isEqualTo(1L << 20);
        assertThat(ByteSize.parse("0", "x").isZero()).isTrue();
    }

    @Test
    void aTextThatIsNoSizeIsRefusedNamingWhatItWasFor() {
        assertThatThrownBy(() -> ByteSize.parse("lots", "--max-upload-size"))
                .hasMessage("INVALID_ARGUMENT: --max-upload-size must be a size such as 512MB, 2GiB or 0, got 'lots'");
    }

    @Test
    void printsForPeopleInBinaryUnitsAndForDuckDbInBytes() {
        assertThat(ByteSize.of(3L << 29)).hasToString("1.5 GiB");
        assertThat(ByteSize.of(512L << 20)).hasToString("512 MiB");
        assertThat(ByteSize.of(100)).hasToString("100 bytes");
        assertThat(ByteSize.of(1L << 30).duckDbText()).isEqualTo("1073741824B");
    }
}
