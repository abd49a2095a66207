package org.multiprocessing4j.core.internal;

/**
 * The base of every proxy: the object's id, and the link to wherever the object lives, found on
 * first use in each JVM. Serializers copy only the id (the link is transient), so a proxy passed to
 * a child arrives there as a proxy that calls back to this JVM.
 */
abstract class ObjectProxy {
  private static volatile ObjectLink parentLink;

  final long id;
  private transient volatile ObjectLink link;

  ObjectProxy(long id) {
    this.id = id;
  }

  /** Makes proxies in this JVM (a worker or process child) reach their objects in its parent. */
  static void installParentLink(ObjectLink link) {
    parentLink = link;
  }

  /**
   * The link to this object's JVM: the owning manager's local link here, else the parent's.
   *
   * @throws IllegalStateException if the object lives neither here nor can be reached in a parent
   */
  final ObjectLink link() {
    ObjectLink resolved = link;
    if (resolved == null) {
      resolved = SharedObjects.localLink(id);
      if (resolved == null) {
        resolved = parentLink;
      }
      if (resolved == null) {
        throw new IllegalStateException(
            "This shared object was created by a Manager in another JVM, and this JVM is not one of"
                + " that JVM's children: use it in the JVM whose Manager created it, or pass it to"
                + " that JVM's processes and pool tasks. (Is its Manager closed?)");
      }
      link = resolved;
    }
    return resolved;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectProxy proxy && proxy.getClass() == getClass() && proxy.id == id;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id);
  }
}
