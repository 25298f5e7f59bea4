using System.Collections;
using System.Text;

namespace StageControl.Rpc;

/// <summary>
/// Ordered call metadata: headers or trailers (Grpc.Core.Metadata). Keys are lower-case ASCII
/// <c>[0-9a-z_.-]</c>; keys ending in <c>-bin</c> carry bytes (base64 on the wire, unpadded when sent, padded or
/// unpadded when received), other keys carry printable ASCII strings (shared/notes/grpc-wire.md §1.1).
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    /// <summary>The suffix that marks a binary key.</summary>
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>An empty, read-only instance.</summary>
    public static readonly Metadata Empty = new() { _readOnly = true };

    private readonly List<Entry> _entries = [];
    private bool _readOnly;

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public bool IsReadOnly => _readOnly;

    /// <inheritdoc />
    public Entry this[int index]
    {
        get => _entries[index];
        set
        {
            ThrowIfReadOnly();
            _entries[index] = value;
        }
    }

    /// <summary>Adds a string entry.</summary>
    /// <param name="key">The key (lower-cased; must not end in <c>-bin</c>).</param>
    /// <param name="value">Printable ASCII value.</param>
    public void Add(string key, string value) => Add(new Entry(key, value));

    /// <summary>Adds a binary entry.</summary>
    /// <param name="key">The key (lower-cased; must end in <c>-bin</c>).</param>
    /// <param name="valueBytes">The bytes.</param>
    public void Add(string key, byte[] valueBytes) => Add(new Entry(key, valueBytes));

    /// <inheritdoc />
    public void Add(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ThrowIfReadOnly();
        _entries.Add(item);
    }

    /// <summary>The last entry with <paramref name="key"/>, or null.</summary>
    /// <param name="key">The key (any case).</param>
    /// <returns>The entry or null.</returns>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }

        return null;
    }

    /// <summary>The string value of the last entry with <paramref name="key"/>, or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value or null.</returns>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The bytes of the last binary entry with <paramref name="key"/>, or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The bytes or null.</returns>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    /// <inheritdoc />
    public void Clear()
    {
        ThrowIfReadOnly();
        _entries.Clear();
    }

    /// <inheritdoc />
    public bool Contains(Entry item) => _entries.Contains(item);

    /// <inheritdoc />
    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    /// <inheritdoc />
    public int IndexOf(Entry item) => _entries.IndexOf(item);

    /// <inheritdoc />
    public void Insert(int index, Entry item)
    {
        ThrowIfReadOnly();
        _entries.Insert(index, item);
    }

    /// <inheritdoc />
    public bool Remove(Entry item)
    {
        ThrowIfReadOnly();
        return _entries.Remove(item);
    }

    /// <inheritdoc />
    public void RemoveAt(int index)
    {
        ThrowIfReadOnly();
        _entries.RemoveAt(index);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void ThrowIfReadOnly()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("This metadata instance is read-only.");
        }
    }

    /// <summary>One metadata key/value pair.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        /// <summary>A string entry.</summary>
        /// <param name="key">The key; must not end in <c>-bin</c>.</param>
        /// <param name="value">Printable ASCII (0x20–0x7E).</param>
        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            ArgumentNullException.ThrowIfNull(value);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' ends in -bin and needs a byte[] value.", nameof(key));
            }

            foreach (var c in value)
            {
                if (c is < ' ' or > '~')
                {
                    throw new ArgumentException($"Metadata value of '{Key}' must be printable ASCII.", nameof(value));
                }
            }

            _value = value;
        }

        /// <summary>A binary entry.</summary>
        /// <param name="key">The key; must end in <c>-bin</c>.</param>
        /// <param name="valueBytes">The bytes.</param>
        public Entry(string key, byte[] valueBytes)
        {
            Key = NormalizeKey(key);
            ArgumentNullException.ThrowIfNull(valueBytes);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' must end in -bin to carry bytes.", nameof(key));
            }

            _valueBytes = valueBytes;
        }

        /// <summary>The lower-case key.</summary>
        public string Key { get; }

        /// <summary>True for <c>-bin</c> keys.</summary>
        public bool IsBinary => _valueBytes is not null;

        /// <summary>The string value; for a binary entry, throws.</summary>
        public string Value => _value ?? throw new InvalidOperationException($"'{Key}' is a binary entry; use ValueBytes.");

        /// <summary>The bytes: for a binary entry its value, for a string entry its ASCII bytes.</summary>
        public byte[] ValueBytes => _valueBytes ?? Encoding.ASCII.GetBytes(_value!);

        /// <inheritdoc />
        public override string ToString() => IsBinary ? $"[Entry: key={Key}, valueBytes={_valueBytes!.Length} bytes]" : $"[Entry: key={Key}, value={_value}]";

        internal static bool IsBinaryKey(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var lower = key.ToLowerInvariant();
            foreach (var c in lower)
            {
                if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-'))
                {
                    throw new ArgumentException($"Metadata key '{key}' may only hold 0-9 a-z _ . -", nameof(key));
                }
            }

            return lower;
        }
    }
}
