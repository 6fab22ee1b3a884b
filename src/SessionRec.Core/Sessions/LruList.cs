namespace SessionRec.Core.Sessions;

/// <summary>
/// An intrusive doubly linked list in recency order (oldest first) under one short lock: touch, add, remove and
/// take-oldest are O(1), so capping a store at a number of entries costs a few pointer moves per operation.
/// </summary>
internal sealed class LruList
{
    private readonly object _lock = new();
    private Node? _oldest;
    private Node? _newest;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add(Node node)
    {
        lock (_lock)
        {
            if (!node.Linked)
            {
                Append(node);
                _count++;
            }
        }
    }

    public void Touch(Node node)
    {
        lock (_lock)
        {
            if (node.Linked && !ReferenceEquals(node, _newest))
            {
                Detach(node);
                Append(node);
            }
        }
    }

    public void Remove(Node node)
    {
        lock (_lock)
        {
            if (node.Linked)
            {
                Detach(node);
                _count--;
            }
        }
    }

    /// <summary>Unlinks and returns the least recently touched node; null when empty.</summary>
    public Node? TakeOldest()
    {
        lock (_lock)
        {
            var oldest = _oldest;
            if (oldest is not null)
            {
                Detach(oldest);
                _count--;
            }

            return oldest;
        }
    }

    private void Append(Node node)
    {
        node.Previous = _newest;
        node.Next = null;
        if (_newest is null)
        {
            _oldest = node;
        }
        else
        {
            _newest.Next = node;
        }

        _newest = node;
        node.Linked = true;
    }

    private void Detach(Node node)
    {
        if (node.Previous is null)
        {
            _oldest = node.Next;
        }
        else
        {
            node.Previous.Next = node.Next;
        }

        if (node.Next is null)
        {
            _newest = node.Previous;
        }
        else
        {
            node.Next.Previous = node.Previous;
        }

        node.Previous = node.Next = null;
        node.Linked = false;
    }

    internal abstract class Node
    {
        internal Node? Previous;
        internal Node? Next;
        internal bool Linked;
    }
}
