package dev.products.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The CPUs an executable is built for, read from its ELF or Mach-O header, so a test can tell that
 * a packaged server binary runs on a platform without that platform at hand.
 */
public final class ExecutableCpus {

  public static final String X86_64 = "x86_64";
  public static final String ARM64 = "arm64";

  private static final int ELF_MAGIC = 0x7f454c46;
  private static final int MACH_O_64_MAGIC = 0xfeedfacf;
  private static final int MACH_O_UNIVERSAL_MAGIC = 0xcafebabe;

  private ExecutableCpus() {}

  /** "Linux" for ELF, "macOS" for Mach-O (thin or universal). */
  public static String format(byte[] header) {
    int magic = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN).getInt(0);
    if (magic == ELF_MAGIC) {
      return "Linux";
    }
    int littleEndian = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (magic == MACH_O_UNIVERSAL_MAGIC || littleEndian == MACH_O_64_MAGIC) {
      return "macOS";
    }
    throw new IllegalArgumentException(
        "neither ELF nor Mach-O: magic " + Integer.toHexString(magic));
  }

  /** Needs the first 4 KiB of the file at most (a universal binary lists its slices up front). */
  public static Set<String> of(byte[] header) {
    ByteBuffer big = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN);
    ByteBuffer little = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    Set<String> cpus = new LinkedHashSet<>();
    if (big.getInt(0) == ELF_MAGIC) {
      // e_machine; every binary we ship is little-endian
      cpus.add(elfMachine(little.getShort(18)));
    } else if (little.getInt(0) == MACH_O_64_MAGIC) {
      cpus.add(machOCpu(little.getInt(4)));
    } else if (big.getInt(0) == MACH_O_UNIVERSAL_MAGIC) {
      int slices = big.getInt(4);
      for (int i = 0; i < slices; i++) {
        cpus.add(machOCpu(big.getInt(8 + 20 * i)));
      }
    } else {
      throw new IllegalArgumentException("neither ELF nor Mach-O");
    }
    return cpus;
  }

  private static String elfMachine(short machine) {
    return switch (machine) {
      case 0x3e -> X86_64;
      case 0xb7 -> ARM64;
      default -> "elf-machine-" + Integer.toHexString(machine);
    };
  }

  private static String machOCpu(int cpuType) {
    return switch (cpuType) {
      case 0x01000007 -> X86_64;
      case 0x0100000c -> ARM64;
      default -> "mach-o-cpu-" + Integer.toHexString(cpuType);
    };
  }
}
